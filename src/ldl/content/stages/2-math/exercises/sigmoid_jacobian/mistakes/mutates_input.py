"""Your numbers are right, but you changed the caller's array in place (`x *= -1` before the
exponential): after your call their x holds different numbers. Compute `np.exp(-x)` into a new
array instead."""

import numpy as np


def sigmoid(x):
    x *= -1
    return 1.0 / (1.0 + np.exp(x))


def sigmoid_jacobian(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return np.diag(s * (1 - s))


def sigmoid_vjp(x, g):
    g *= 1.0 / (1.0 + np.exp(-x))
    g *= 1.0 - 1.0 / (1.0 + np.exp(-x))
    return g

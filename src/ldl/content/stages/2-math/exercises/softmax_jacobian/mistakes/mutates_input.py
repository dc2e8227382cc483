"""Your numbers are right, but `z -= z.max()` shifts the caller's logits in place: after your call
they hold different numbers. Write `z - z.max()` into a new array instead."""

import numpy as np


def softmax(z):
    z -= z.max()
    e = np.exp(z)
    return e / e.sum()


def softmax_jacobian(z):
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)

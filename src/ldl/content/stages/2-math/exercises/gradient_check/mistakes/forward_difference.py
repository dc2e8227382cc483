"""This looks like a one-sided difference (f(x + h) - f(x)) / h: its error shrinks only like h,
while the central difference (f(x + h) - f(x - h)) / (2h) has error of order h^2."""

import numpy as np


def numerical_gradient(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    base = f(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        grad[index] = (f(x) - base) / h
        x[index] = old
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def check_gradient(f, grad_f, x, h=1e-6):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))

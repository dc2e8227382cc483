"""After nudging an entry to x - h you must put the original value back before nudging the next
one; otherwise every later partial derivative is taken at a shifted point (and the caller's x
is changed too). Work on a copy, and restore each entry."""

import numpy as np


def numerical_gradient(f, x, h=1e-6):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = f(x)
        x[index] = old - h
        down = f(x)
        grad[index] = (up - down) / (2 * h)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def check_gradient(f, grad_f, x, h=1e-6):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))

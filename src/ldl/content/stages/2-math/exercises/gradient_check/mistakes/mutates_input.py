"""Your gradient is right, but you nudge the caller's own x and undo each nudge with arithmetic
(`x[i] += h`, `x[i] -= 2 * h`, `x[i] += h`). In floating point old + h − 2h + h is not always old,
so their x comes back changed in its last digits (and an integer x cannot hold the nudge at all).
Nudge a float copy, `x = np.array(x, dtype=float)`, and restore each entry by assigning the saved
value."""

import numpy as np


def numerical_gradient(f, x, h=1e-6):
    grad = np.zeros(np.shape(x))
    for index in np.ndindex(np.shape(x)):
        x[index] += h
        up = f(x)
        x[index] -= 2 * h
        down = f(x)
        x[index] += h
        grad[index] = (up - down) / (2 * h)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def check_gradient(f, grad_f, x, h=1e-6):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))

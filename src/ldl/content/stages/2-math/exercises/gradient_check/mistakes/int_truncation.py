"""At an integer point your numerical gradient is wrong: `x.copy()` keeps the integer dtype, so
`x[i] = old + h` stores old again (the nudge is truncated away) and every difference is 0 (or
garbage). Work on a float copy: `x = np.array(x, dtype=float)`."""

import numpy as np


def numerical_gradient(f, x, h=1e-6):
    x = x.copy()
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = f(x)
        x[index] = old - h
        down = f(x)
        x[index] = old
        grad[index] = (up - down) / (2 * h)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def check_gradient(f, grad_f, x, h=1e-6):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))

"""Your relative error divides by ‖a‖ + ‖b‖ with no floor: for two zero vectors that is 0 / 0 =
nan (numpy warns "invalid value"). Two zero gradients agree perfectly, so the answer is 0: divide
by `max(‖a‖ + ‖b‖, 1e-12)`."""

import numpy as np


def numerical_gradient(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
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
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def check_gradient(f, grad_f, x, h=1e-6):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))

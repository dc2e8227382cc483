"""Reference solution for gradient_check."""

from collections.abc import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Entry i: (f(x + h e_i) - f(x - h e_i)) / (2h). Same shape as x; x is left unchanged."""
    x = np.array(x, dtype=float)  # a float copy: nudging it never touches the caller's array
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = f(x)
        x[index] = old - h
        down = f(x)
        x[index] = old  # restore before nudging the next entry
        grad[index] = (up - down) / (2 * h)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / max(||a|| + ||b||, 1e-12), Euclidean norms over all entries."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12)
    return float(np.linalg.norm(a - b) / scale)


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad_f: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    h: float = 1e-6,
) -> float:
    """The relative error between the analytic gradient grad_f(x) and numerical_gradient(f, x, h)."""
    return relative_error(grad_f(x), numerical_gradient(f, x, h))

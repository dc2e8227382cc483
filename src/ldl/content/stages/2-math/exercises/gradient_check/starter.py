"""Gradient checking by central differences. See statement.md."""

from collections.abc import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Entry i: (f(x + h e_i) - f(x - h e_i)) / (2h). Same shape as x; x is left unchanged."""
    raise NotImplementedError


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / max(||a|| + ||b||, 1e-12), Euclidean norms over all entries."""
    raise NotImplementedError


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad_f: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    h: float = 1e-6,
) -> float:
    """The relative error between the analytic gradient grad_f(x) and numerical_gradient(f, x, h)."""
    raise NotImplementedError

"""Derivatives by central differences. See statement.md."""

from collections.abc import Callable

import numpy as np


def derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """(f(x + h) - f(x - h)) / 2h."""
    raise NotImplementedError


def gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Partial derivatives of scalar f at x by central differences; same shape as x."""
    raise NotImplementedError

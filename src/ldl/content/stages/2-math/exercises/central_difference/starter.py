"""Derivatives by central differences. See statement.md."""

from collections.abc import Callable

import numpy as np


def derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """f'(x) ≈ (f(x + h) - f(x - h)) / 2h."""
    raise NotImplementedError


def second_derivative(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """f''(x) ≈ (f(x + h) - 2 f(x) + f(x - h)) / h²."""
    raise NotImplementedError


def directional_derivative(f: Callable[[np.ndarray], float], x: np.ndarray, v: np.ndarray, h: float = 1e-5) -> float:
    """The rate of change of f at x along v: (f(x + h v) - f(x - h v)) / 2h. x is left unchanged."""
    raise NotImplementedError

"""Gradient descent, step by step. See statement.md."""

from collections.abc import Callable

import numpy as np


def gradient_descent(
    grad: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, lr: float, num_steps: int
) -> np.ndarray:
    """The path of x ← x − lr·grad(x) from x0: shape (num_steps + 1, d), row 0 is x0."""
    raise NotImplementedError

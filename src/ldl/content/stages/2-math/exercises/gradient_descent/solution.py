"""Reference solution: gradient descent, step by step."""

from collections.abc import Callable

import numpy as np


def gradient_descent(
    grad: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, lr: float, num_steps: int
) -> np.ndarray:
    """The path of x ← x − lr·grad(x) from x0: shape (num_steps + 1, d), row 0 is x0."""
    x = np.array(x0, dtype=np.float64)  # a copy: the caller's x0 stays as it was
    path = [x]
    for _ in range(num_steps):
        x = x - lr * grad(x)  # a new array each step, so earlier rows never change
        path.append(x)
    return np.stack(path)  # (num_steps + 1, d)

"""Max pooling, forward and backward. See statement.md."""

import numpy as np


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int | None = None) -> np.ndarray:
    """x: (N, C, H, W) -> (N, C, OH, OW), the max over each kernel_size x kernel_size window."""
    raise NotImplementedError


def max_pool2d_backward(
    x: np.ndarray, grad_output: np.ndarray, kernel_size: int, stride: int | None = None
) -> np.ndarray:
    """Each window's gradient goes to its (first, in row-major order) maximum; overlaps add up."""
    raise NotImplementedError

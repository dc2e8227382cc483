"""Global average pooling. See statement.md."""

import numpy as np


def global_avg_pool(x: np.ndarray, keepdims: bool = False) -> np.ndarray:
    """(N, C, H, W) -> (N, C) means of each feature map ((N, C, 1, 1) with keepdims)."""
    raise NotImplementedError


def global_avg_pool_backward(grad_output: np.ndarray, x_shape: tuple) -> np.ndarray:
    """The gradient with respect to x: grad_output / (H·W), spread over every pixel of its map."""
    raise NotImplementedError

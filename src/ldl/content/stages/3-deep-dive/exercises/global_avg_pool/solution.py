"""Global average pooling (reference solution)."""

import numpy as np


def global_avg_pool(x: np.ndarray, keepdims: bool = False) -> np.ndarray:
    return np.mean(x, axis=(2, 3), keepdims=keepdims)  # (N, C) or (N, C, 1, 1); float64 for integers


def global_avg_pool_backward(grad_output: np.ndarray, x_shape: tuple) -> np.ndarray:
    n, c, height, width = x_shape
    per_pixel = np.reshape(grad_output, (n, c, 1, 1)) / (height * width)  # (N, C, 1, 1), a new array
    return np.repeat(np.repeat(per_pixel, height, axis=2), width, axis=3)  # (N, C, H, W), writable

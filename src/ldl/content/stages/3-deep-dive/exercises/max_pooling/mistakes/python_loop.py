"""Your values are right, but your code loops over every output position in Python, which the statement
asks you to avoid: that is one iteration per window (250,000 on a 1000x1000 image) instead of K·K = 4.
Loop over the window's offsets (i, j) and take one strided slice for each: x[:, :, i : i + stride *
OH : stride, j : j + stride * OW : stride]."""

import numpy as np


def _windows(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    """(N, C, H, W) -> (N, C, OH, OW, K*K): every window's entries on the last axis, row-major."""
    oh = (x.shape[2] - kernel_size) // stride + 1
    ow = (x.shape[3] - kernel_size) // stride + 1
    windows = np.empty(x.shape[:2] + (oh, ow, kernel_size * kernel_size), dtype=x.dtype)
    for a in range(oh):
        for b in range(ow):
            window = x[:, :, a * stride : a * stride + kernel_size, b * stride : b * stride + kernel_size]
            windows[:, :, a, b] = window.reshape(x.shape[0], x.shape[1], -1)
    return windows


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int | None = None) -> np.ndarray:
    """x: (N, C, H, W) -> (N, C, OH, OW)."""
    return _windows(x, kernel_size, stride or kernel_size).max(axis=-1)


def max_pool2d_backward(
    x: np.ndarray, grad_output: np.ndarray, kernel_size: int, stride: int | None = None
) -> np.ndarray:
    """Each window's gradient goes to its first maximum; overlapping windows add up."""
    stride = stride or kernel_size
    winner = _windows(x, kernel_size, stride).argmax(axis=-1)  # (N, C, OH, OW): offset i*K + j
    oh, ow = winner.shape[2:]
    grad_x = np.zeros_like(x)
    for i in range(kernel_size):
        for j in range(kernel_size):
            routed = grad_output * (winner == i * kernel_size + j)  # this offset's wins
            grad_x[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += routed
    return grad_x

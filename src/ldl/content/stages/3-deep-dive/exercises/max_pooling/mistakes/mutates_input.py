"""Your backward used the caller's x as the buffer for the gradient (`grad_x = x; grad_x[...] = 0`):
that is the same array, so the input is wiped out and the gradient you return is the caller's x
itself. Make a new buffer, grad_x = np.zeros_like(x)."""

import numpy as np


def _windows(x: np.ndarray, kernel_size: int, stride: int) -> np.ndarray:
    """(N, C, H, W) -> (N, C, OH, OW, K*K): every window's entries on the last axis, row-major."""
    oh = (x.shape[2] - kernel_size) // stride + 1
    ow = (x.shape[3] - kernel_size) // stride + 1
    slices = [
        x[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride]
        for i in range(kernel_size)
        for j in range(kernel_size)
    ]
    return np.stack(slices, axis=-1)


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
    grad_x = x
    grad_x[...] = 0.0  # reuse the buffer
    for i in range(kernel_size):
        for j in range(kernel_size):
            routed = grad_output * (winner == i * kernel_size + j)  # this offset's wins
            grad_x[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += routed
    return grad_x

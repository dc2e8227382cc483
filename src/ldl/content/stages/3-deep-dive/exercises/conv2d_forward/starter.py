"""2-D convolution forward, with im2col. See statement.md."""

import numpy as np


def output_size(size: int, kernel_size: int, stride: int, padding: int) -> int:
    """(size + 2 * padding - kernel_size) // stride + 1."""
    raise NotImplementedError


def im2col(x: np.ndarray, kernel_h: int, kernel_w: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every patch the kernel sees, one per row.

    x: (N, C, H, W) -> cols: (N * OH * OW, C * kernel_h * kernel_w); rows in (n, a, b) order,
    columns in (c, i, j) order (the order of weight.reshape(O, -1)).
    """
    raise NotImplementedError


def conv2d(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """x: (N, C, H, W), weight: (O, C, KH, KW), bias: (O,) or None -> (N, O, OH, OW)."""
    raise NotImplementedError

"""Your col2im always returns float64: `np.zeros(shape)` without a dtype is float64, so integer (or
float32) columns come back as another type. Create the padded buffer with `dtype=cols.dtype`."""

import numpy as np
from conv2d_forward import im2col


def col2im(
    cols: np.ndarray,
    x_shape: tuple[int, int, int, int],
    kernel_h: int,
    kernel_w: int,
    stride: int = 1,
    padding: int = 0,
) -> np.ndarray:
    """The adjoint of im2col: scatter-add each row back to where it was copied from, crop the padding."""
    n, c, h, w = x_shape
    oh = (h + 2 * padding - kernel_h) // stride + 1
    ow = (w + 2 * padding - kernel_w) // stride + 1
    # (N*OH*OW, C*KH*KW) -> (N, OH, OW, C, KH, KW) -> (N, C, KH, KW, OH, OW)
    patches = cols.reshape(n, oh, ow, c, kernel_h, kernel_w).transpose(0, 3, 4, 5, 1, 2)
    padded = np.zeros((n, c, h + 2 * padding, w + 2 * padding))
    for i in range(kernel_h):
        for j in range(kernel_w):
            padded[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += patches[:, :, i, j]
    return padded[:, :, padding : padding + h, padding : padding + w]


def conv2d_backward(
    x: np.ndarray, weight: np.ndarray, grad_output: np.ndarray, stride: int = 1, padding: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """grad_output: (N, O, OH, OW) -> (grad_x, grad_weight, grad_bias)."""
    o, _, kh, kw = weight.shape
    cols = im2col(x, kh, kw, stride, padding)  # (N*OH*OW, C*KH*KW)
    g = grad_output.transpose(0, 2, 3, 1).reshape(-1, o)  # (N*OH*OW, O), rows in im2col order
    grad_weight = (g.T @ cols).reshape(weight.shape)  # (O, C*KH*KW) -> (O, C, KH, KW)
    grad_bias = g.sum(axis=0)  # (O,)
    grad_cols = g @ weight.reshape(o, -1)  # (N*OH*OW, C*KH*KW)
    return col2im(grad_cols, x.shape, kh, kw, stride, padding), grad_weight, grad_bias

"""Your values are right, but im2col loops over every output position in Python, which is what the
exercise is about avoiding: on a 28x28 image that is 784 iterations per example instead of 9 for a
3x3 kernel. Loop over the KH·KW kernel offsets instead and take one strided slice of the padded
input for each: xp[:, :, i : i + stride * OH : stride, j : j + stride * OW : stride]."""

import numpy as np


def output_size(size: int, kernel_size: int, stride: int, padding: int) -> int:
    """(size + 2 * padding - kernel_size) // stride + 1."""
    return (size + 2 * padding - kernel_size) // stride + 1


def im2col(x: np.ndarray, kernel_h: int, kernel_w: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """x: (N, C, H, W) -> cols: (N * OH * OW, C * kernel_h * kernel_w)."""
    n, c, h, w = x.shape
    oh, ow = output_size(h, kernel_h, stride, padding), output_size(w, kernel_w, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))  # (N, C, H+2p, W+2p)
    patches = np.empty((n, c, kernel_h, kernel_w, oh, ow), dtype=x.dtype)
    for a in range(oh):
        for b in range(ow):
            # one output position at a time: (N, C, KH, KW)
            patches[:, :, :, :, a, b] = xp[
                :, :, a * stride : a * stride + kernel_h, b * stride : b * stride + kernel_w
            ]
    # (N, C, KH, KW, OH, OW) -> (N, OH, OW, C, KH, KW) -> (N*OH*OW, C*KH*KW)
    return patches.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, c * kernel_h * kernel_w)


def conv2d(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """x: (N, C, H, W), weight: (O, C, KH, KW), bias: (O,) or None -> (N, O, OH, OW)."""
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    oh, ow = output_size(h, kh, stride, padding), output_size(w, kw, stride, padding)
    out = im2col(x, kh, kw, stride, padding) @ weight.reshape(o, -1).T  # (N*OH*OW, O)
    if bias is not None:
        out = out + bias
    return out.reshape(n, oh, ow, o).transpose(0, 3, 1, 2)  # (N, O, OH, OW)

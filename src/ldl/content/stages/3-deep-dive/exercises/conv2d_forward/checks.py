"""Checks for conv2d_forward: output sizes, im2col's layout, and conv2d with strides, padding,
rectangular kernels, a 1x1 kernel, no bias, a batch of one, and against a direct loop."""

import numpy as np

from ldl.grading.spec import Case


def direct_conv2d(x, weight, bias, stride, padding):
    """The definition, summed with explicit loops over output positions (slow but obvious)."""
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    o, _, kh, kw = weight.shape
    oh, ow = (xp.shape[2] - kh) // stride + 1, (xp.shape[3] - kw) // stride + 1
    out = np.zeros((x.shape[0], o, oh, ow))
    for a in range(oh):
        for b in range(ow):
            patch = xp[:, :, a * stride : a * stride + kh, b * stride : b * stride + kw]  # (N, C, KH, KW)
            out[:, :, a, b] = np.einsum("ncij,ocij->no", patch, weight) + bias
    return out


def matches_direct(module, seed, stride, padding):
    rng = np.random.default_rng(seed)
    x, weight, bias = rng.normal(size=(2, 3, 7, 6)), rng.normal(size=(4, 3, 3, 2)), rng.normal(size=4)
    got = module.conv2d(x, weight, bias, stride, padding)
    return bool(got.shape == direct_conv2d(x, weight, bias, stride, padding).shape) and bool(
        np.allclose(got, direct_conv2d(x, weight, bias, stride, padding))
    )


def cases():
    rng = np.random.default_rng(10)
    x = rng.normal(size=(2, 3, 6, 5))
    small = np.arange(16.0).reshape(1, 1, 4, 4)
    w, b = rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    return [
        Case("output size 28, kernel 3, stride 1, padding 1", call="output_size", args=(28, 3, 1, 1)),
        Case("output size 7, kernel 3, stride 2, padding 0", call="output_size", args=(7, 3, 2, 0)),
        Case("output size 6, kernel 2, stride 2, padding 1", call="output_size", args=(6, 2, 2, 1)),
        Case("im2col of a 4x4 image, 2x2 kernel", call="im2col", args=(small, 2, 2)),
        Case("im2col with stride 2 and padding 1", call="im2col", args=(small, 3, 3, 2, 1)),
        Case("im2col of (2, 3, 6, 5), 3x2 kernel", call="im2col", args=(x, 3, 2)),
        Case("conv2d 3x3, stride 1, no padding", call="conv2d", args=(x, w, b)),
        Case("conv2d 3x3, padding 1 (same size)", call="conv2d", args=(x, w, b, 1, 1)),
        Case("conv2d 3x3, stride 2, padding 1", call="conv2d", args=(x, w, b, 2, 1)),
        Case("conv2d without a bias", call="conv2d", args=(x, w, None)),
        Case("conv2d 1x1 kernel", call="conv2d", args=(x, rng.normal(size=(5, 3, 1, 1)), rng.normal(size=5))),
        Case("conv2d, a batch of one", call="conv2d", args=(x[:1], w, b, 1, 1)),
        Case(
            "conv2d agrees with a direct loop (stride 2, padding 2)", probe="matches_direct", args=(0, 2, 2)
        ),
    ]

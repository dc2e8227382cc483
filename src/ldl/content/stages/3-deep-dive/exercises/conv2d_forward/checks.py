"""Checks for conv2d_forward: output sizes (one where the stride does not divide evenly, so the
floor matters and the answer is an int), im2col's layout (with stride and padding, a rectangular
kernel, integer and float32 images keeping their dtype), and conv2d with strides, padding, a 1x1
kernel, a kernel as large as the image, a 1x1 image with padding, no bias, a batch of one, and
against a direct loop; last, im2col of a 700x700 image within 5x the reference's time (the statement
asks for a loop over kernel offsets, not over the 160,000 output positions)."""

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


def im2col_summary(module, x, kernel_h, kernel_w):
    """A big im2col, timed; only a summary travels back (the whole array is 35 MB)."""
    cols = module.im2col(x, kernel_h, kernel_w)
    return {"shape": list(np.shape(cols)), "column_sums": cols.sum(axis=0), "every_997th_row": cols[::997]}


def cases():
    rng = np.random.default_rng(10)
    x = rng.normal(size=(2, 3, 6, 5))
    small = np.arange(16.0).reshape(1, 1, 4, 4)
    w, b = rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    whole = rng.normal(size=(4, 3, 6, 5))
    ints = np.arange(30).reshape(1, 2, 3, 5)
    big = rng.normal(size=(1, 1, 700, 700))
    return [
        Case("output size 28, kernel 3, stride 1, padding 1", call="output_size", args=(28, 3, 1, 1)),
        Case("output size 7, kernel 3, stride 2, padding 0", call="output_size", args=(7, 3, 2, 0)),
        Case("output size 6, kernel 2, stride 2, padding 1", call="output_size", args=(6, 2, 2, 1)),
        Case(
            "output size 8, kernel 3, stride 2, padding 0 (5/2 rounds down)",
            call="output_size",
            args=(8, 3, 2, 0),
        ),
        Case("output size 5, kernel 5, stride 1, padding 0", call="output_size", args=(5, 5, 1, 0)),
        Case("im2col of a 4x4 image, 2x2 kernel", call="im2col", args=(small, 2, 2)),
        Case("im2col with stride 2 and padding 1", call="im2col", args=(small, 3, 3, 2, 1)),
        Case("im2col of (2, 3, 6, 5), 3x2 kernel", call="im2col", args=(x, 3, 2)),
        Case("im2col of an integer image keeps its dtype", call="im2col", args=(ints, 2, 3, 1, 1)),
        Case(
            "im2col of a float32 image keeps its dtype",
            call="im2col",
            args=(x.astype(np.float32), 3, 3, 2, 1),
        ),
        Case("conv2d 3x3, stride 1, no padding", call="conv2d", args=(x, w, b)),
        Case("conv2d 3x3, padding 1 (same size)", call="conv2d", args=(x, w, b, 1, 1)),
        Case("conv2d 3x3, stride 2, padding 1", call="conv2d", args=(x, w, b, 2, 1)),
        Case("conv2d without a bias", call="conv2d", args=(x, w, None)),
        Case("conv2d 1x1 kernel", call="conv2d", args=(x, rng.normal(size=(5, 3, 1, 1)), rng.normal(size=5))),
        Case("conv2d, a kernel as large as the image (1x1 output)", call="conv2d", args=(x, whole, b)),
        Case(
            "conv2d, a 1x1 image with padding 1",
            call="conv2d",
            args=(x[:, :, :1, :1], w, b),
            kwargs={"padding": 1},
        ),
        Case("conv2d, a batch of one", call="conv2d", args=(x[:1], w, b, 1, 1)),
        Case(
            "im2col of a 700x700 image, vectorised (within 5x the reference's time)",
            probe="im2col_summary",
            args=(big, 3, 3),
            time_factor=5.0,
            memory_factor=None,
            reason="a timing check: tracing every allocation would slow a Python loop 20-fold "
            "and drown the timing",
            show_input=False,
        ),
        Case(
            "conv2d agrees with a direct loop (stride 2, padding 2)", probe="matches_direct", args=(0, 2, 2)
        ),
    ]

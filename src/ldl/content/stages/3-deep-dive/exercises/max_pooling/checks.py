"""Checks for max_pooling: the worked example, 2x2 and 3x3 windows, overlapping windows (gradients
that add up), sizes that leave rows out, ties (all-zero windows, a constant input), an all-negative
input, a 1x1 window, a window as large as the image, an integer input (the output keeps its dtype),
a batch of one, and a 1000x1000 image within 5x the reference's time (the statement asks for a loop
over the window's offsets, not over pixels)."""

import numpy as np

from ldl.grading.spec import Case


def both(module, x, grad_output, kernel_size, stride=None):
    return {
        "out": module.max_pool2d(x, kernel_size, stride),
        "grad_x": module.max_pool2d_backward(x, grad_output, kernel_size, stride),
    }


def summary(module, x, kernel_size):
    """Pooling and its backward on a big image, timed; only a summary travels back."""
    out = module.max_pool2d(x, kernel_size)
    grad_x = module.max_pool2d_backward(x, np.ones_like(out), kernel_size)
    return {"out_row_sums": out.sum(axis=-1), "grad_x_row_sums": grad_x.sum(axis=-1)}


def cases():
    rng = np.random.default_rng(12)
    example = np.array([[[[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 6.0, 1.0]]]])
    x = rng.permutation(2 * 3 * 6 * 6).reshape(2, 3, 6, 6).astype(float)  # distinct values
    odd = rng.normal(size=(1, 2, 7, 5))
    relu = np.maximum(rng.normal(size=(2, 1, 4, 4)), 0.0)
    relu[0, 0, :2, :2] = 0.0  # a window that is all ties
    ints = rng.integers(-9, 10, size=(1, 2, 4, 6))
    big = rng.normal(size=(1, 1, 1000, 1000))
    return [
        Case("the worked example", probe="both", args=(example, np.ones((1, 1, 1, 2)), 2)),
        Case("2x2 windows on (2, 3, 6, 6)", probe="both", args=(x, rng.normal(size=(2, 3, 3, 3)), 2)),
        Case("3x3 windows, stride 3", probe="both", args=(x, rng.normal(size=(2, 3, 2, 2)), 3)),
        Case(
            "overlapping: 3x3 windows, stride 1", probe="both", args=(x, rng.normal(size=(2, 3, 4, 4)), 3, 1)
        ),
        Case(
            "overlapping: 3x3 windows, stride 2",
            probe="both",
            args=(odd, rng.normal(size=(1, 2, 3, 2)), 3, 2),
        ),
        Case(
            "7x5 input, 2x2 windows: the last row and column are left out",
            probe="both",
            args=(odd, rng.normal(size=(1, 2, 3, 2)), 2),
        ),
        Case(
            "ties after a ReLU go to the first maximum",
            probe="both",
            args=(relu, rng.normal(size=(2, 1, 2, 2)), 2),
        ),
        Case(
            "a constant input: every window is a tie",
            probe="both",
            args=(np.ones((1, 1, 4, 4)), np.arange(4.0).reshape(1, 1, 2, 2), 2),
        ),
        Case(
            "an all-negative input (the max is negative)",
            probe="both",
            args=(-1.0 - np.abs(odd), rng.normal(size=(1, 2, 3, 2)), 2),
        ),
        Case("a 1x1 window", probe="both", args=(odd, rng.normal(size=(1, 2, 7, 5)), 1)),
        Case("a window as large as the image", probe="both", args=(x, rng.normal(size=(2, 3, 1, 1)), 6)),
        Case("an integer input keeps its dtype", call="max_pool2d", args=(ints, 2)),
        Case(
            "a 1000x1000 image, vectorised (within 5x the reference's time)",
            probe="summary",
            args=(big, 2),
            time_factor=5.0,
            memory_factor=None,
            reason="a timing check: tracing every allocation would slow a Python loop 20-fold "
            "and drown the timing",
            show_input=False,
        ),
        Case("a batch of one", probe="both", args=(x[:1], rng.normal(size=(1, 3, 3, 3)), 2)),
    ]

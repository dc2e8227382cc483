"""Checks for max_pooling: the worked example, 2x2 and 3x3 windows, overlapping windows (gradients
that add up), sizes that leave rows out, ties (all-zero windows), and a batch of one."""

import numpy as np

from ldl.grading.spec import Case


def both(module, x, grad_output, kernel_size, stride=None):
    return {
        "out": module.max_pool2d(x, kernel_size, stride),
        "grad_x": module.max_pool2d_backward(x, grad_output, kernel_size, stride),
    }


def cases():
    rng = np.random.default_rng(12)
    example = np.array([[[[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 6.0, 1.0]]]])
    x = rng.permutation(2 * 3 * 6 * 6).reshape(2, 3, 6, 6).astype(float)  # distinct values
    odd = rng.normal(size=(1, 2, 7, 5))
    relu = np.maximum(rng.normal(size=(2, 1, 4, 4)), 0.0)
    relu[0, 0, :2, :2] = 0.0  # a window that is all ties
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
        Case("a batch of one", probe="both", args=(x[:1], rng.normal(size=(1, 3, 3, 3)), 2)),
    ]

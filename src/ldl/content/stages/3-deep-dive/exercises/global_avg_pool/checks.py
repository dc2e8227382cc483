"""Checks for global_avg_pool: forward on (2, 3, 4, 5) maps (H != W), with keepdims=True, on one
pixel per map (a no-op), one channel, and integer input (float64 out); backward for (N, C) and for
(N, C, 1, 1) upstream gradients, one pixel, and a batch of one; the backward result must be a
writable array of the input's shape that shares no memory with grad_output. Arguments must come back
unchanged."""

import numpy as np

from ldl.grading.spec import Case


def writable_backward(module, grad_output, x_shape):
    grad = module.global_avg_pool_backward(grad_output, x_shape)
    writable = bool(getattr(getattr(grad, "flags", None), "writeable", False))
    return {"grad": grad, "writable": writable}


def cases():
    rng = np.random.default_rng(41)
    x = rng.normal(size=(2, 3, 4, 5))
    return [
        Case("(2, 3, 4, 5) maps", call="global_avg_pool", args=(x,)),
        Case("keepdims=True", call="global_avg_pool", args=(x,), kwargs={"keepdims": True}),
        Case("one pixel per map", call="global_avg_pool", args=(rng.normal(size=(3, 2, 1, 1)),)),
        Case("one channel", call="global_avg_pool", args=(rng.normal(size=(2, 1, 3, 3)),)),
        Case("integer input", call="global_avg_pool", args=(rng.integers(0, 9, size=(1, 2, 2, 3)),)),
        Case(
            "backward of (2, 3)",
            call="global_avg_pool_backward",
            args=(rng.normal(size=(2, 3)), (2, 3, 4, 5)),
        ),
        Case(
            "backward of a keepdims gradient (2, 3, 1, 1)",
            call="global_avg_pool_backward",
            args=(rng.normal(size=(2, 3, 1, 1)), (2, 3, 4, 5)),
        ),
        Case(
            "backward, one pixel",
            call="global_avg_pool_backward",
            args=(rng.normal(size=(3, 2)), (3, 2, 1, 1)),
        ),
        Case(
            "backward, a batch of one",
            call="global_avg_pool_backward",
            args=(rng.normal(size=(1, 4)), (1, 4, 6, 2)),
        ),
        Case(
            "backward returns a writable array",
            probe="writable_backward",
            args=(rng.normal(size=(2, 3)), (2, 3, 2, 2)),
        ),
    ]

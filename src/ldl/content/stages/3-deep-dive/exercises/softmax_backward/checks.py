"""Checks for softmax_backward: values and gradients along the last, the first and a middle axis,
logits in the thousands (both signs), a single class, ties (equal logits), integer logits, float32
logits (which stay float32), an empty batch, the gradients against central differences, and a
backward pass over 1000 classes within 8x the reference's memory (the Jacobian, 1000 x 1000 per
row, must never be built)."""

import numpy as np

from ldl.grading.spec import Case


def against_central_differences(module, which, shape, axis, seed):
    rng = np.random.default_rng(seed)
    x, g = rng.normal(size=shape), rng.normal(size=shape)
    forward = getattr(module, which)
    grad = getattr(module, f"{which}_backward")(x, g, axis)
    numeric = np.zeros_like(x)
    for index in np.ndindex(*shape):
        step = np.zeros_like(x)
        step[index] = 1e-6
        numeric[index] = (np.sum(g * forward(x + step, axis)) - np.sum(g * forward(x - step, axis))) / 2e-6
    return bool(np.allclose(grad, numeric, atol=1e-7, rtol=1e-5))


def cases():
    rng = np.random.default_rng(5)
    x, g = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    x3, g3 = rng.normal(size=(2, 3, 5)), rng.normal(size=(2, 3, 5))
    wide, wide_g = rng.normal(size=(4, 1000)), rng.normal(size=(4, 1000))
    cases = []
    for name in ("softmax", "log_softmax"):
        cases += [
            Case(f"{name} of (4, 6) along the last axis", call=name, args=(x,)),
            Case(f"{name} along axis 0", call=name, args=(x, 0)),
            Case(f"{name} of (2, 3, 5) along axis 1", call=name, args=(x3, 1)),
            Case(f"{name} of logits in the thousands", call=name, args=(x * 1000,), rtol=1e-7, atol=1e-10),
            Case(f"{name} of one class", call=name, args=(x[:, :1],)),
            Case(f"{name} of equal logits (ties)", call=name, args=(np.zeros((2, 4)),)),
            Case(f"{name} of integer logits", call=name, args=(np.arange(12).reshape(3, 4),)),
            Case(
                f"{name} of float32 logits stays float32",
                call=name,
                args=(x.astype(np.float32),),
                rtol=1e-5,
                atol=1e-6,
            ),
            Case(f"{name} of an empty batch (0, 6)", call=name, args=(x[:0],)),
            Case(f"{name}_backward of (4, 6)", call=f"{name}_backward", args=(x, g)),
            Case(f"{name}_backward along axis 0", call=f"{name}_backward", args=(x, g, 0)),
            Case(f"{name}_backward of (2, 3, 5) along axis 1", call=f"{name}_backward", args=(x3, g3, 1)),
            Case(f"{name}_backward of logits in the thousands", call=f"{name}_backward", args=(x * 1000, g)),
            Case(
                f"{name}_backward over 1000 classes, without the Jacobian (memory)",
                call=f"{name}_backward",
                args=(wide, wide_g),
                show_input=False,
            ),
            Case(
                f"{name}_backward against central differences",
                probe="against_central_differences",
                args=(name, (3, 4), -1, 0),
            ),
        ]
    return cases

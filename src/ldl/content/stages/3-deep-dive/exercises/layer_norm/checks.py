"""Checks for layer_norm: forward and backward on (4, 5) and (2, 3, 6) inputs, eps=0.5 (large enough to
change the result), a constant row (zero variance: output = bias, no warnings), one feature (C = 1),
integer input, and a (1, 1, 3) input; arguments must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(17)
    out = []
    constant = rng.normal(size=(3, 4))
    constant[1] = 2.5  # a row with zero variance
    setups = [
        ("(4, 5)", rng.normal(size=(4, 5)), {}),
        ("(2, 3, 6)", rng.normal(size=(2, 3, 6)) * 3 + 1, {}),
        ("eps=0.5", rng.normal(size=(3, 4)) * 0.5, {"eps": 0.5}),
        ("a constant row", constant, {}),
        ("one feature", rng.normal(size=(3, 1)), {}),
        ("integer input", rng.integers(-5, 6, size=(2, 4)), {}),
        ("(1, 1, 3)", rng.normal(size=(1, 1, 3)), {}),
    ]
    for name, x, options in setups:
        c = x.shape[-1]
        weight, bias = rng.normal(size=c), rng.normal(size=c)
        grad_out = rng.normal(size=x.shape)
        out.append(Case(f"forward, {name}", call="layer_norm", args=(x, weight, bias), kwargs=options))
        out.append(
            Case(
                f"backward, {name}",
                call="layer_norm_backward",
                args=(x, weight, bias, grad_out),
                kwargs=options,
            )
        )
    return out

"""Checks for transformer_block: gelu on a range of values and on a 2-D array (the tanh approximation:
the exact erf GELU fails), and the block with causal and non-causal attention, 1, 2 and 4 heads,
F = 4C and F = 3C, a sequence of length 1, and a batch of one, compared with the reference (itself
checked against torch.nn.TransformerEncoderLayer in the tests). `x` and every parameter must come
back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def make_params(rng, c, f):
    def norm(size):
        return 1.0 + 0.1 * rng.normal(size=size), 0.1 * rng.normal(size=size)

    n1w, n1b = norm(c)
    n2w, n2b = norm(c)
    return {
        "norm1.weight": n1w,
        "norm1.bias": n1b,
        "self_attn.in_proj_weight": rng.normal(scale=c**-0.5, size=(3 * c, c)),
        "self_attn.in_proj_bias": 0.1 * rng.normal(size=3 * c),
        "self_attn.out_proj.weight": rng.normal(scale=c**-0.5, size=(c, c)),
        "self_attn.out_proj.bias": 0.1 * rng.normal(size=c),
        "norm2.weight": n2w,
        "norm2.bias": n2b,
        "linear1.weight": rng.normal(scale=c**-0.5, size=(f, c)),
        "linear1.bias": 0.1 * rng.normal(size=f),
        "linear2.weight": rng.normal(scale=f**-0.5, size=(c, f)),
        "linear2.bias": 0.1 * rng.normal(size=c),
    }


def cases():
    rng = np.random.default_rng(29)
    return [
        Case("gelu from -6 to 6", call="gelu", args=(np.linspace(-6.0, 6.0, 25),)),
        Case("gelu on a (2, 3) array", call="gelu", args=(rng.normal(size=(2, 3)) * 3,)),
        Case(
            "causal, 2 heads, C=8, F=32",
            call="transformer_block",
            args=(rng.normal(size=(2, 5, 8)), make_params(rng, 8, 32), 2),
            kwargs={"causal": True},
        ),
        Case(
            "not causal, 4 heads, C=8, F=24",
            call="transformer_block",
            args=(rng.normal(size=(2, 4, 8)), make_params(rng, 8, 24), 4),
        ),
        Case(
            "one head, causal, a batch of one",
            call="transformer_block",
            args=(rng.normal(size=(1, 6, 4)), make_params(rng, 4, 16), 1),
            kwargs={"causal": True},
        ),
        Case(
            "a sequence of length 1",
            call="transformer_block",
            args=(rng.normal(size=(3, 1, 4)), make_params(rng, 4, 16), 2),
            kwargs={"causal": True},
        ),
    ]

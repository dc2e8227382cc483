"""Checks for residual_block: forward and backward on a small worked example, on D != H (4 -> 7 -> 4),
a batch of one, inputs where some sums x + f are negative (zero rows and entries of the gradient),
an inner ReLU that is dead for some units, and an identity-like block (W2 = 0: the gradient to x is
exactly grad_out masked by relu'(x)). Every argument must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def _params(rng, d, h, scale=0.5):
    return (
        rng.normal(scale=scale, size=(d, h)),
        rng.normal(scale=0.1, size=h),
        rng.normal(scale=scale, size=(h, d)),
        rng.normal(scale=0.1, size=d),
    )


def cases():
    rng = np.random.default_rng(31)
    out = []
    setups = [
        ("N=3, D=2, H=3", rng.normal(size=(3, 2)), _params(rng, 2, 3)),
        ("N=5, D=4, H=7", rng.normal(size=(5, 4)), _params(rng, 4, 7)),
        ("a batch of one", rng.normal(size=(1, 3)), _params(rng, 3, 5)),
        ("many negative sums", rng.normal(size=(6, 3)) - 1.5, _params(rng, 3, 4)),
        (
            "some dead inner units",
            rng.normal(size=(4, 3)),
            (*_params(rng, 3, 4)[:1], np.array([-9.0, 0.1, -9.0, 0.2]), *_params(rng, 3, 4)[2:]),
        ),
    ]
    for name, x, (W1, b1, W2, b2) in setups:
        grad_out = rng.normal(size=x.shape)
        out.append(Case(f"forward, {name}", call="residual_block_forward", args=(x, W1, b1, W2, b2)))
        out.append(
            Case(f"backward, {name}", call="residual_block_backward", args=(x, W1, b1, W2, b2, grad_out))
        )
    x = rng.normal(size=(4, 3))
    W1, b1, _, _ = _params(rng, 3, 2)
    out.append(
        Case(
            "W2 = 0: only the skip connection carries gradient to x",
            call="residual_block_backward",
            args=(x, W1, b1, np.zeros((2, 3)), np.zeros(3), rng.normal(size=(4, 3))),
        )
    )
    return out

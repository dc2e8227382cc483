"""Checks for gru_cell: forward and backward on B=2, D=3, H=4; a batch of one with D != H; an update
gate biased to +8 (the cell copies h and passes the gradient straight back); pre-activations of
thousands (a naive sigmoid overflows: numpy's warnings fail the case); and a zero hidden state.
Arguments must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def _weights(rng, d, hidden, scale=0.5):
    return (
        rng.uniform(-scale, scale, size=(3 * hidden, d)),
        rng.uniform(-scale, scale, size=(3 * hidden, hidden)),
        rng.uniform(-0.2, 0.2, size=3 * hidden),
        rng.uniform(-0.2, 0.2, size=3 * hidden),
    )


def cases():
    rng = np.random.default_rng(23)
    out = []
    remember = _weights(rng, 3, 4)
    remember[2][4:8] += 8.0  # the update gate's input bias: z close to 1
    huge = _weights(rng, 3, 4, scale=400.0)  # pre-activations of thousands
    setups = [
        ("B=2, D=3, H=4", rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), _weights(rng, 3, 4)),
        ("a batch of one, D=5, H=2", rng.normal(size=(1, 5)), rng.normal(size=(1, 2)), _weights(rng, 5, 2)),
        ("an update gate biased to +8", rng.normal(size=(3, 3)), rng.normal(size=(3, 4)), remember),
        (
            "pre-activations of thousands",
            3 * rng.normal(size=(2, 3)),
            3 * rng.normal(size=(2, 4)),
            huge,
        ),
        ("a zero hidden state", rng.normal(size=(2, 3)), np.zeros((2, 4)), _weights(rng, 3, 4)),
    ]
    for name, x, h, weights in setups:
        grad = rng.normal(size=h.shape)
        out.append(Case(f"forward, {name}", call="gru_cell", args=(x, h, *weights)))
        out.append(Case(f"backward, {name}", call="gru_cell_backward", args=(x, h, *weights, grad)))
    return out

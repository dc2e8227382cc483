"""Checks for linear_layer_backward: the worked example (a batch of one), a random layer, a layer
with one output, and all three gradients against central differences of
L = Σ (Y ⊙ G) for a fixed G (whose ∂L/∂Y is G). The caller's arrays must come back unchanged,
and the three gradients must be new arrays."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import gradient


def cases():
    rng = np.random.default_rng(17)
    X, W, b, G = rng.normal(size=(5, 3)), rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(5, 4))
    example = (np.array([[1.0, 2.0]]), np.array([[3.0, 4.0]]), np.zeros(1), np.array([[1.0]]))
    return [
        Case("the worked example", call="linear_backward", args=example),
        Case("a batch of 5, 3 → 4", call="linear_backward", args=(X, W, b, G)),
        Case("one output, a batch of 5", call="linear_backward", args=(X, W[:1], b[:1], G[:, :1])),
        Case("all three agree with central differences", probe="probe_numerical", args=(X, W, b, G)),
    ]


def probe_numerical(module, X, W, b, G):
    def loss(X_, W_, b_):
        return np.sum((X_ @ W_.T + b_) * G)  # a scalar whose gradient w.r.t. Y is exactly G

    expected = [
        gradient(lambda v: loss(v, W, b), X),
        gradient(lambda v: loss(X, v, b), W),
        gradient(lambda v: loss(X, W, v), b),
    ]
    got = [np.asarray(g, dtype=np.float64) for g in module.linear_backward(X, W, b, G)]
    names = ["grad_X", "grad_W", "grad_b"]
    return {
        n: bool(g.shape == e.shape and np.allclose(g, e, atol=1e-7))
        for n, g, e in zip(names, got, expected, strict=True)
    }

"""Checks for least_squares_grad: the worked example, a random problem, a batch of one, integer
inputs, a duplicated batch, and the gradient against central differences of the loss. The
caller's arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import gradient


def cases():
    rng = np.random.default_rng(15)
    W, X, Y = rng.normal(size=(2, 3)), rng.normal(size=(7, 3)), rng.normal(size=(7, 2))
    example = (np.array([[1.0, 0.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.0], [1.0]]))
    integers = (np.array([[1, -1, 2]]), np.array([[1, 0, 2], [3, 1, 1]]), np.array([[2], [0]]))
    return [
        Case("loss, worked example", call="least_squares_loss", args=example),
        Case("gradient, worked example", call="least_squares_grad", args=example),
        Case("loss, 7 examples, 3 → 2", call="least_squares_loss", args=(W, X, Y)),
        Case("gradient, 7 examples, 3 → 2", call="least_squares_grad", args=(W, X, Y)),
        Case("loss, a batch of one", call="least_squares_loss", args=(W, X[:1], Y[:1])),
        Case("gradient, a batch of one", call="least_squares_grad", args=(W, X[:1], Y[:1])),
        Case("loss, integer inputs", call="least_squares_loss", args=integers),
        Case("gradient, integer inputs", call="least_squares_grad", args=integers),
        Case(
            "repeating the batch changes nothing",
            call="least_squares_grad",
            args=(W, np.concatenate([X, X]), np.concatenate([Y, Y])),
        ),
        Case("gradient agrees with central differences", probe="probe_numerical", args=(W, X, Y)),
    ]


def probe_numerical(module, W, X, Y):
    expected = gradient(lambda w: np.sum((X @ w.T - Y) ** 2) / len(X), W)
    got = np.asarray(module.least_squares_grad(W, X, Y), dtype=np.float64)
    return {"agree": bool(got.shape == expected.shape and np.allclose(got, expected, atol=1e-7))}

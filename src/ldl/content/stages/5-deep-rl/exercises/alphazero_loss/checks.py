"""Checks for alphazero_loss: the worked example; a batch of 16 Connect Four positions with
random legal masks and several weight arrays (default and other l2); logits in the thousands
(no overflow); huge logits on illegal moves (they must not matter); one legal move (policy loss
0); no weights; and integer targets."""

import numpy as np

from ldl.grading.spec import Case


def batch(seed, B=16, A=7, scale=1.0):
    rng = np.random.default_rng(seed)
    legal = rng.random((B, A)) < 0.7
    legal[np.arange(B), rng.integers(0, A, B)] = True
    pi = rng.random((B, A)) * legal
    pi /= pi.sum(axis=1, keepdims=True)
    logits = rng.normal(size=(B, A)) * scale
    values = np.tanh(rng.normal(size=B))
    z = rng.choice([-1.0, 0.0, 1.0], size=B)
    return logits, values, pi, z, legal


def cases():
    ex = (
        np.array([[2.0, 0.0, 1.0]]),
        np.array([0.5]),
        np.array([[0.75, 0.25, 0.0]]),
        np.array([1.0]),
        np.array([[True, True, False]]),
    )
    logits, values, pi, z, legal = batch(0)
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=(7, 16)), rng.normal(size=16), rng.normal(size=(3, 3, 8, 8))]
    big = batch(2, scale=3000.0)
    trap = list(batch(3))
    trap[0] = np.where(trap[4], trap[0], 1e6)  # enormous logits on illegal moves
    one = list(batch(4, B=4))
    one[4] = np.zeros((4, 7), dtype=bool)
    one[4][:, 3] = True
    one[2] = one[4].astype(float)
    return [
        Case(
            "the worked example",
            call="alphazero_loss",
            args=ex,
            kwargs={"weights": [np.array([1.0, -2.0])], "l2": 0.01},
        ),
        Case(
            "a batch of 16, default l2",
            call="alphazero_loss",
            args=(logits, values, pi, z, legal),
            kwargs={"weights": weights},
        ),
        Case(
            "a batch of 16, l2 = 0.05",
            call="alphazero_loss",
            args=(logits, values, pi, z, legal),
            kwargs={"weights": weights, "l2": 0.05},
        ),
        Case("no weights: no L2 term", call="alphazero_loss", args=(logits, values, pi, z, legal)),
        Case("logits in the thousands", call="alphazero_loss", args=big),
        Case("huge logits on illegal moves", call="alphazero_loss", args=tuple(trap)),
        Case("a single legal move: policy loss 0", call="alphazero_loss", args=tuple(one)),
        Case(
            "integer results z", call="alphazero_loss", args=(logits, values, pi, z.astype(np.int64), legal)
        ),
    ]

"""Checks for embedding: lookups for ids of several shapes (2-D, 1-D, a single token as a 0-d
array, no tokens at all), the worked example, repeated tokens (the scatter-add trap), tokens that
never occur, padding_idx (also padding_idx = 0, which is a real index), a 1-D sequence, no tokens,
and a float32 gradient keeping its dtype."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(13)
    weight = rng.normal(size=(10, 4))
    ids = rng.integers(0, 10, size=(3, 7))  # repeats are certain
    grad = rng.normal(size=(3, 7, 4))
    with_zero = ids.copy()
    with_zero[:, ::3] = 0  # token 0 (the padding token of the case below) occurs several times
    return [
        Case("lookup of a (3, 7) batch", call="embedding_forward", args=(weight, ids)),
        Case("lookup of a 1-D sequence", call="embedding_forward", args=(weight, ids[0])),
        Case("lookup of a single token (a 0-d array)", call="embedding_forward", args=(weight, np.array(4))),
        Case("lookup of no tokens", call="embedding_forward", args=(weight, ids[0, :0])),
        Case(
            "the worked example",
            call="embedding_backward",
            args=(np.ones((1, 3, 2)), np.array([[1, 3, 1]]), 4),
        ),
        Case("backward of a (3, 7) batch with repeats", call="embedding_backward", args=(grad, ids, 10)),
        Case("one token repeated everywhere", call="embedding_backward", args=(grad, np.full((3, 7), 2), 10)),
        Case(
            "padding_idx receives no gradient",
            call="embedding_backward",
            args=(grad, ids, 10, int(ids[0, 0])),
        ),
        Case(
            "padding_idx = 0 is a real index",
            call="embedding_backward",
            args=(grad, with_zero, 10),
            kwargs={"padding_idx": 0},
        ),
        Case("a 1-D sequence", call="embedding_backward", args=(grad[0], ids[0], 12)),
        Case(
            "no tokens at all: all zeros", call="embedding_backward", args=(np.zeros((0, 4)), ids[0, :0], 10)
        ),
        Case(
            "a float32 gradient stays float32",
            call="embedding_backward",
            args=(grad.astype(np.float32), ids, 10),
            rtol=1e-6,
        ),
    ]

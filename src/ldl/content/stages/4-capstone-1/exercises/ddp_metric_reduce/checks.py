"""Checks for ddp_metric_reduce: the worked example; 4 ranks with uneven last batches; one rank
with no batch at all; equal batches everywhere (where every method agrees); and many batches."""

import numpy as np

from ldl.grading.spec import Case


def rank(losses, correct, sizes):
    return {"loss": np.array(losses, dtype=float), "correct": np.array(correct), "size": np.array(sizes)}


def cases():
    rng = np.random.default_rng(8)
    uneven = []
    for batches, last in ((3, 5), (3, 1), (2, 7), (3, 2)):
        sizes = [8] * (batches - 1) + [last]
        uneven.append(rank(rng.uniform(0.1, 3, batches), [int(rng.integers(0, s + 1)) for s in sizes], sizes))
    equal = [rank(rng.uniform(0.1, 3, 2), [3, 5], [8, 8]) for _ in range(2)]
    many = []
    for _ in range(3):
        sizes = list(rng.integers(1, 33, size=40))
        many.append(rank(rng.uniform(0, 2, 40), [int(rng.integers(0, s + 1)) for s in sizes], sizes))
    return [
        Case(
            "the worked example",
            call="reduce_metrics",
            args=([rank([1.0, 4.0], [3, 0], [4, 2]), rank([0.5], [2], [2])],),
        ),
        Case("4 ranks with uneven last batches", call="reduce_metrics", args=(uneven,)),
        Case("a rank with no batch", call="reduce_metrics", args=([*uneven[:2], rank([], [], [])],)),
        Case("equal batches everywhere", call="reduce_metrics", args=(equal,)),
        Case("3 ranks of 40 batches of 1 to 32 examples", call="reduce_metrics", args=(many,)),
    ]

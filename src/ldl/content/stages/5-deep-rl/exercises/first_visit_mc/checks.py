"""Checks for first_visit_mc: the worked example; states revisited within an episode (first visit
only); several episodes averaged; a state never visited; an empty episode; gamma = 1 (the
default) and gamma = 0.9; integer rewards."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(53)
    many = []
    for _ in range(20):
        length = int(rng.integers(1, 12))
        many.append(
            ([int(s) for s in rng.integers(0, 5, size=length)], [float(r) for r in rng.normal(size=length)])
        )
    return [
        Case("the worked example", call="first_visit_mc", args=([([0, 1, 0], [1.0, 0.0, 2.0])], 3, 0.5)),
        Case(
            "a revisited state counts once per episode",
            call="first_visit_mc",
            args=([([2, 2, 2, 1], [1.0, 1.0, 1.0, 1.0])], 3),
        ),
        Case("20 random episodes, gamma 0.9", call="first_visit_mc", args=(many, 6, 0.9)),
        Case("20 random episodes, default gamma 1", call="first_visit_mc", args=(many, 6)),
        Case(
            "an empty episode among others",
            call="first_visit_mc",
            args=([([], []), ([1, 0], [0.5, -1.0])], 2, 0.9),
        ),
        Case("integer rewards", call="first_visit_mc", args=([([0, 1], [1, 2]), ([1], [3])], 2, 0.5)),
    ]

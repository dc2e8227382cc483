"""Checks for td_zero: the worked example; a random walk of 200 transitions with non-default
alpha and gamma; terminal steps (no bootstrap) and truncated steps (bootstrap) side by side;
integer values in V; the default alpha and gamma; and an empty list of transitions."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(54)
    walk = []
    for _ in range(200):
        s = int(rng.integers(0, 7))
        done = bool(rng.random() < 0.1)
        cut = (not done) and bool(rng.random() < 0.1)
        walk.append((s, float(rng.normal()), int(rng.integers(0, 7)), done, cut))
    V = rng.normal(size=7)
    ends = [(0, 1.0, 2, True, False), (1, 1.0, 2, False, True), (2, 0.5, 1, False, False)]
    return [
        Case(
            "the worked example",
            call="td_zero",
            args=(np.array([0.0, 1.0]), [(0, 1.0, 1, False, False)]),
            kwargs={"alpha": 0.5, "gamma": 0.9},
        ),
        Case(
            "200 transitions, alpha 0.3, gamma 0.9",
            call="td_zero",
            args=(V, walk),
            kwargs={"alpha": 0.3, "gamma": 0.9},
        ),
        Case(
            "terminated vs truncated steps",
            call="td_zero",
            args=(np.array([0.0, 0.0, 10.0]), ends),
            kwargs={"alpha": 1.0, "gamma": 0.5},
        ),
        Case(
            "integer values in V, default alpha and gamma",
            call="td_zero",
            args=(np.array([1, 2, 3, 4, 5, 6, 7]), walk),
        ),
        Case("no transitions: a copy of V", call="td_zero", args=(V, [])),
    ]

"""Checks for puct_select: the worked example; an illegal move with the largest prior; a fresh
node (every bonus 0: the first legal move); a node where Q and the prior disagree, with the
default and other c_puct (c_puct = 0: pure exploitation); negative values; ties; and a node with
Go-sized width (362 moves), scores and choice."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    P, N, W = np.array([0.5, 0.3, 0.2]), np.array([2, 1, 0]), np.array([1.0, 0.8, 0.0])
    every = np.ones(3, dtype=bool)
    rng = np.random.default_rng(7)
    big_p = rng.dirichlet(np.full(362, 0.3))
    big_n = rng.integers(0, 6, size=362)
    big_w = rng.uniform(-1, 1, size=362) * big_n
    big_legal = rng.random(362) < 0.8
    trap_p = np.array([0.05, 0.9, 0.05])
    trap_n = np.array([3, 0, 3])
    trap_w = np.array([0.3, 0.0, -0.6])
    illegal_middle = np.array([True, False, True])
    return [
        Case("the worked example", call="puct_scores", args=(P, N, W, every), kwargs={"c_puct": 1.0}),
        Case("the worked example: select", call="puct_select", args=(P, N, W, every), kwargs={"c_puct": 1.0}),
        Case(
            "an illegal move with the largest prior",
            call="puct_scores",
            args=(trap_p, trap_n, trap_w, illegal_middle),
        ),
        Case(
            "never select an illegal move", call="puct_select", args=(trap_p, trap_n, trap_w, illegal_middle)
        ),
        Case(
            "a fresh node: the first legal move",
            call="puct_select",
            args=(
                np.array([0.1, 0.2, 0.7]),
                np.zeros(3, dtype=np.int64),
                np.zeros(3),
                np.array([False, True, True]),
            ),
        ),
        Case(
            "a fresh node: the scores",
            call="puct_scores",
            args=(P, np.zeros(3, dtype=np.int64), np.zeros(3), every),
        ),
        Case(
            "value against prior, default c_puct",
            call="puct_select",
            args=(np.array([0.7, 0.3]), np.array([40, 1]), np.array([24.0, -0.9]), np.ones(2, dtype=bool)),
        ),
        Case(
            "value against prior, c_puct = 8",
            call="puct_select",
            args=(np.array([0.7, 0.3]), np.array([40, 1]), np.array([24.0, -0.9]), np.ones(2, dtype=bool)),
            kwargs={"c_puct": 8.0},
        ),
        Case(
            "c_puct = 0: the best mean value",
            call="puct_select",
            args=(P, N, W, every),
            kwargs={"c_puct": 0.0},
        ),
        Case(
            "ties: the first wins",
            call="puct_select",
            args=(np.array([0.2, 0.4, 0.4]), np.array([1, 2, 2]), np.array([0.5, 1.0, 1.0]), every),
        ),
        Case(
            "Go width: 362 moves",
            call="puct_scores",
            args=(big_p, big_n, big_w, big_legal),
            kwargs={"c_puct": 2.5},
        ),
        Case(
            "Go width: the choice",
            call="puct_select",
            args=(big_p, big_n, big_w, big_legal),
            kwargs={"c_puct": 2.5},
        ),
    ]

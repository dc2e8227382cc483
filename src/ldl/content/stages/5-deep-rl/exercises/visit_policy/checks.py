"""Checks for visit_policy: the worked examples (T = 1, 0.5, 0 with a tie); T = 2 (flatter);
a tiny temperature with large counts (no overflow, and the limit of T -> 0 agrees with T = 0);
a single visited move; and 500 seeded moves with select_move at T = 1 and T = 0, compared draw for
draw (and how far the generator advanced)."""

import numpy as np

from ldl.grading.spec import Case


def moves(module, counts, temperature, seed, count):
    rng = np.random.default_rng(seed)
    picked = [module.select_move(np.asarray(counts), temperature, rng) for _ in range(count)]
    return {
        "moves": np.array(picked),
        "types": sorted({type(m).__name__ for m in picked}),
        "next": rng.random(),
    }


def cases():
    counts = np.array([10, 30, 0, 60])
    big = np.array([790, 800, 3, 0, 799, 12])
    return [
        Case("T = 1: proportional to the visits", call="visit_policy", args=(counts,)),
        Case("T = 0.5: sharper", call="visit_policy", args=(counts,), kwargs={"temperature": 0.5}),
        Case("T = 2: flatter", call="visit_policy", args=(counts,), kwargs={"temperature": 2.0}),
        Case("T = 0: the most visited", call="visit_policy", args=(counts,), kwargs={"temperature": 0}),
        Case(
            "T = 0 with a tie: shared equally",
            call="visit_policy",
            args=(np.array([40, 10, 40, 10]),),
            kwargs={"temperature": 0},
        ),
        Case(
            "T = 0.005 with 800 visits: no overflow",
            call="visit_policy",
            args=(big,),
            kwargs={"temperature": 0.005},
        ),
        Case(
            "T = 0.0001: the limit agrees with T = 0",
            call="visit_policy",
            args=(np.array([5, 400, 399]),),
            kwargs={"temperature": 1e-4},
        ),
        Case(
            "a single visited move",
            call="visit_policy",
            args=(np.array([0, 0, 25, 0]),),
            kwargs={"temperature": 0.3},
        ),
        Case("500 moves at T = 1", probe="moves", args=([10, 30, 0, 60], 1.0, 0, 500)),
        Case("500 moves at T = 0 with a tie", probe="moves", args=([40, 10, 40, 10], 0.0, 1, 500)),
        Case("500 moves at T = 0.25", probe="moves", args=([10, 30, 0, 60], 0.25, 2, 500)),
    ]

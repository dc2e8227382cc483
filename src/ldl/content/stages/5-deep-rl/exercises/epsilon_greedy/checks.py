"""Checks for epsilon_greedy: the schedule at its start, middle, end and long after, with default
and non-default arguments (including an increasing schedule); greedy choice with ties; 2,000
seeded choices at several epsilons (the exact sequence and how far the generator advanced);
and exploration that must use only the generator it is given."""

import numpy as np

from ldl.grading.spec import Case


def schedule(module, steps, **kwargs):
    return [module.linear_epsilon(step, **kwargs) for step in steps]


def choices(module, q_values, epsilon, seed, count):
    rng = np.random.default_rng(seed)
    picked = [module.epsilon_greedy(q_values, epsilon, rng) for _ in range(count)]
    return {
        "actions": np.array(picked),
        "next_draw": rng.random(),
        "types": sorted({type(a).__name__ for a in picked}),
    }


def cases():
    q = np.array([0.2, -1.0, 0.9, 0.9, 0.3])
    steps = [0, 1, 2_500, 5_000, 9_999, 10_000, 50_000]
    return [
        Case("the default schedule", probe="schedule", args=(steps,)),
        Case(
            "start=0.5, end=0.01 over 100 steps",
            probe="schedule",
            args=([0, 10, 50, 99, 100, 1000],),
            kwargs={"start": 0.5, "end": 0.01, "decay_steps": 100},
        ),
        Case(
            "an increasing schedule (start < end)",
            probe="schedule",
            args=([0, 5, 10, 20],),
            kwargs={"start": 0.0, "end": 1.0, "decay_steps": 10},
        ),
        Case(
            "epsilon = 0: greedy, ties to the lowest index, no extra draws",
            probe="choices",
            args=(q, 0.0, 1, 50),
        ),
        Case("epsilon = 1: uniform actions", probe="choices", args=(q, 1.0, 2, 2000)),
        Case("epsilon = 0.3, 2,000 seeded choices", probe="choices", args=(q, 0.3, 3, 2000)),
        Case("two actions, epsilon = 0.05", probe="choices", args=(np.array([1.0, 0.0]), 0.05, 4, 2000)),
    ]

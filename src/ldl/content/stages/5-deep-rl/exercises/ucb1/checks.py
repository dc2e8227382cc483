"""Checks for ucb1: the worked example; every child tried, with the default and a different c
(and c = 0, pure exploitation); nothing tried yet; one child; ties (the first wins); negative
values (a loss counts -1); a large random node; and the choices a simple bandit loop makes with
the learner's rule, step by step."""

import numpy as np

from ldl.grading.spec import Case


def bandit_run(module, means, steps, c):
    """Pick with ucb1_select, reward = the arm's (fixed) mean: the sequence of arms chosen."""
    means = np.asarray(means, dtype=float)
    w, n = np.zeros(len(means)), np.zeros(len(means), dtype=np.int64)
    picks = []
    for _ in range(steps):
        a = module.ucb1_select(w, n, c)
        w[a] += means[a]
        n[a] += 1
        picks.append(a)
    return {"picks": np.array(picks), "types": sorted({type(a).__name__ for a in picks})}


def cases():
    rng = np.random.default_rng(3)
    n_big = rng.integers(1, 50, size=40)
    w_big = rng.uniform(-1, 1, size=40) * n_big
    w, n = np.array([3.0, 1.0, 0.0]), np.array([4, 2, 0])
    return [
        Case("the worked example", call="ucb1_scores", args=(w, n)),
        Case("the worked example: select", call="ucb1_select", args=(w, n)),
        Case("every child tried", call="ucb1_scores", args=(np.array([2.0, 5.0, 1.0]), np.array([3, 9, 1]))),
        Case(
            "c = 0.5",
            call="ucb1_scores",
            args=(np.array([2.0, 5.0, 1.0]), np.array([3, 9, 1])),
            kwargs={"c": 0.5},
        ),
        Case(
            "c = 0: the best mean",
            call="ucb1_select",
            args=(np.array([2.0, 5.0, 1.0]), np.array([3, 9, 1])),
            kwargs={"c": 0.0},
        ),
        Case("nothing tried yet", call="ucb1_scores", args=(np.zeros(4), np.zeros(4, dtype=np.int64))),
        Case(
            "nothing tried yet: select the first",
            call="ucb1_select",
            args=(np.zeros(4), np.zeros(4, dtype=np.int64)),
        ),
        Case("a single child, tried once", call="ucb1_scores", args=(np.array([1.0]), np.array([1]))),
        Case(
            "ties: the first wins",
            call="ucb1_select",
            args=(np.array([1.0, 2.0, 2.0, 1.0]), np.array([2, 4, 4, 2])),
        ),
        Case("losses count -1", call="ucb1_scores", args=(np.array([-3.0, 1.0, -0.5]), np.array([5, 2, 1]))),
        Case("a node with 40 children", call="ucb1_scores", args=(w_big, n_big), kwargs={"c": 1.0}),
        Case("a bandit loop, 60 picks", probe="bandit_run", args=([0.2, 0.8, 0.5, 0.75], 60, 0.5)),
    ]

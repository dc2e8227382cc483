"""Checks for gae: the worked example; one long episode with the default gamma and lambda; a
buffer with terminations and truncations; lambda = 0 (the TD error) and lambda = 1 (Monte Carlo
minus V); a truncation on the last step; integer rewards; and one step."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(58)
    T = 32
    r, v, nv = rng.normal(size=T), rng.normal(size=T), rng.normal(size=T)
    never = np.zeros(T, dtype=bool)
    term = np.zeros(T, dtype=bool)
    trunc = np.zeros(T, dtype=bool)
    term[[5, 19]] = True
    trunc[[11, 26]] = True
    last_cut = never.copy()
    last_cut[-1] = True
    return [
        Case(
            "the worked example",
            probe="run",
            args=(
                np.array([1.0, 1.0]),
                np.array([0.0, 0.0]),
                np.array([5.0, 5.0]),
                np.array([False, False]),
                np.array([True, False]),
            ),
            kwargs={"gamma": 1.0, "lam": 1.0},
        ),
        Case("one episode, default gamma and lambda", probe="run", args=(r, v, nv, never, never)),
        Case(
            "terminations and truncations",
            probe="run",
            args=(r, v, nv, term, trunc),
            kwargs={"gamma": 0.9, "lam": 0.8},
        ),
        Case("lambda = 0: the TD errors", probe="run", args=(r, v, nv, term, trunc), kwargs={"lam": 0.0}),
        Case(
            "lambda = 1: Monte Carlo minus V", probe="run", args=(r, v, nv, term, trunc), kwargs={"lam": 1.0}
        ),
        Case("a truncation on the last step", probe="run", args=(r, v, nv, never, last_cut)),
        Case(
            "integer rewards", probe="run", args=(np.array([1, 0, 1, 1]), v[:4], nv[:4], term[:4], trunc[:4])
        ),
        Case(
            "a single step",
            probe="run",
            args=(np.array([1.0]), np.array([0.5]), np.array([2.0]), np.array([True]), np.array([False])),
        ),
    ]


def run(module, *args, **kwargs):
    advantages, returns = module.gae(*args, **kwargs)
    return {"advantages": advantages, "returns": returns}

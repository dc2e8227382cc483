"""Checks for n_step_returns: the worked example; n = 1 (the TD target); the default n = 3 on a
truncated and on a terminated trajectory; n larger than the trajectory (Monte Carlo when
terminated); a one-step trajectory; and integer rewards."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(57)
    r, v = rng.normal(size=10), rng.normal(size=11)
    return [
        Case(
            "the worked example",
            call="n_step_returns",
            args=(np.array([1.0, 1.0, 1.0]), np.array([0.0, 0.0, 4.0, 8.0]), False, 0.5),
            kwargs={"n": 2},
        ),
        Case("n = 1 is the TD target", call="n_step_returns", args=(r, v, False, 0.9), kwargs={"n": 1}),
        Case("default n = 3, truncated trajectory", call="n_step_returns", args=(r, v, False, 0.9)),
        Case("default n = 3, terminated trajectory", call="n_step_returns", args=(r, v, True, 0.9)),
        Case(
            "n = 50 on 10 steps, terminated: Monte Carlo",
            call="n_step_returns",
            args=(r, v, True, 0.99),
            kwargs={"n": 50},
        ),
        Case(
            "a single step, terminated",
            call="n_step_returns",
            args=(np.array([2.0]), np.array([1.0, 5.0]), True, 0.9),
            kwargs={"n": 4},
        ),
        Case(
            "integer rewards",
            call="n_step_returns",
            args=(np.array([1, 0, 2, 1]), v[:5], False, 0.5),
            kwargs={"n": 2},
        ),
    ]

"""Checks for autoreset_mask: the worked example; a (64, 8) rollout with random ends; an end at
the very last step (it reaches the next rollout only through ended_last); ended_before carried in
from the previous rollout; truncations alone; one step (T = 1); one environment (N = 1). Always the
pair (valid, ended_last), bool arrays of shapes (T, N) and (N,)."""

import numpy as np

from ldl.grading.spec import Case


def example():
    terminated = np.array([[False, False], [True, False], [False, False], [False, False]])
    truncated = np.array([[False, False], [False, False], [False, False], [False, True]])
    return terminated, truncated, np.array([False, False])


def cases():
    rng = np.random.default_rng(83)
    terminated, truncated = rng.random((64, 8)) < 0.05, rng.random((64, 8)) < 0.03
    last = np.zeros((5, 3), dtype=bool)
    last[-1, 1] = True
    return [
        Case("the worked example", call="autoreset_mask", args=example()),
        Case(
            "a (64, 8) rollout", call="autoreset_mask", args=(terminated, truncated, np.zeros(8, dtype=bool))
        ),
        Case(
            "an episode ends at the last step",
            call="autoreset_mask",
            args=(last, np.zeros_like(last), np.zeros(3, dtype=bool)),
        ),
        Case(
            "ended_before from the previous rollout",
            call="autoreset_mask",
            args=(
                terminated[:6],
                truncated[:6],
                np.array([True, False, True, False, False, False, False, True]),
            ),
        ),
        Case(
            "truncations only",
            call="autoreset_mask",
            args=(np.zeros((6, 4), dtype=bool), rng.random((6, 4)) < 0.3, np.zeros(4, dtype=bool)),
        ),
        Case(
            "one step",
            call="autoreset_mask",
            args=(np.array([[True, False]]), np.array([[False, False]]), np.array([False, True])),
        ),
        Case(
            "one environment",
            call="autoreset_mask",
            args=(terminated[:, :1], truncated[:, :1], np.array([True])),
        ),
    ]

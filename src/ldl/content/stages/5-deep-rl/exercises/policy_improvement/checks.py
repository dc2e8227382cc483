"""Checks for policy_improvement: the worked one-state tie; a random MDP with and without an old
policy; exact ties where the old action must be kept and where it must give way to the lowest
equally good action; near-ties within a non-default `tol`; and a stable policy reported as such."""

import numpy as np

from ldl.grading.spec import Case


def improve(module, P, R, V, gamma, *rest, **kwargs):
    policy, stable = module.policy_improvement(P, R, V, gamma, *rest, **kwargs)
    return {"policy": policy, "stable": stable}


def cases():
    rng = np.random.default_rng(52)
    P = rng.random((6, 3, 6))
    P /= P.sum(axis=2, keepdims=True)
    R = rng.normal(size=(6, 3))
    V = rng.normal(size=6)
    greedy = np.argmax(R + 0.9 * (P @ V), axis=1)
    one = np.zeros((1, 2, 1))
    one[0, :, 0] = 1.0
    ties_P = np.zeros((4, 3, 4))
    ties_P[:, :, 3] = 1.0
    ties_R = np.array([[1.0, 1.0, 0.0], [0.0, 2.0, 2.0], [5.0, 5.0, 5.0], [0.0, 0.0, 0.0]])
    near_R = np.array([[1.0, 1.0 + 1e-4, 0.0], [0.0, 2.0, 2.0 - 1e-4], [3.0, 0.0, 3.0], [0.0, 0.0, 0.0]])
    return [
        Case(
            "the worked one-state tie",
            probe="improve",
            args=(one, np.array([[1.0, 1.0]]), np.zeros(1), 0.9),
            kwargs={"old_policy": np.array([1])},
        ),
        Case("a random MDP, no old policy", probe="improve", args=(P, R, V, 0.9)),
        Case(
            "a random MDP, an old policy that changes",
            probe="improve",
            args=(P, R, V, 0.9),
            kwargs={"old_policy": (greedy + 1) % 3},
        ),
        Case(
            "the greedy policy is stable", probe="improve", args=(P, R, V, 0.9), kwargs={"old_policy": greedy}
        ),
        Case(
            "exact ties: keep the old action",
            probe="improve",
            args=(ties_P, ties_R, np.zeros(4), 0.9),
            kwargs={"old_policy": np.array([1, 2, 2, 1])},
        ),
        Case(
            "exact ties, old action not among the best",
            probe="improve",
            args=(ties_P, ties_R, np.zeros(4), 0.9),
            kwargs={"old_policy": np.array([2, 0, 1, 2])},
        ),
        Case(
            "near-ties within tol=1e-3 count as ties",
            probe="improve",
            args=(ties_P, near_R, np.zeros(4), 0.9),
            kwargs={"old_policy": np.array([0, 2, 2, 0]), "tol": 1e-3},
        ),
        Case(
            "near-ties outside the default tol do not",
            probe="improve",
            args=(ties_P, near_R, np.zeros(4), 0.9),
            kwargs={"old_policy": np.array([0, 2, 2, 0])},
        ),
    ]

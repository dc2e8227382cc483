"""Reference solution for policy_improvement."""

import numpy as np


def policy_improvement(P, R, V, gamma, old_policy=None, tol=1e-9):
    """The greedy policy for V (ties within `tol`: keep the old action, else the lowest index)."""
    Q = R + gamma * (P @ V)  # (S, A)
    best = Q >= Q.max(axis=1, keepdims=True) - tol  # (S, A): the equally good actions
    policy = np.argmax(best, axis=1)  # the lowest index among them
    if old_policy is None:
        return policy.astype(np.int64), False
    keep = best[np.arange(len(V)), old_policy]  # is the old action still among the best?
    policy = np.where(keep, old_policy, policy).astype(np.int64)
    return policy, bool(np.all(policy == old_policy))

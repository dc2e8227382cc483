"""With no old policy there is nothing to compare with, so the policy cannot be called stable
yet: return stable=False when old_policy is None."""

import numpy as np


def policy_improvement(P, R, V, gamma, old_policy=None, tol=1e-9):
    Q = R + gamma * (P @ V)
    best = Q >= Q.max(axis=1, keepdims=True) - tol
    policy = np.argmax(best, axis=1)
    if old_policy is None:
        return policy.astype(np.int64), True
    keep = best[np.arange(len(V)), old_policy]
    policy = np.where(keep, old_policy, policy).astype(np.int64)
    return policy, bool(np.all(policy == old_policy))

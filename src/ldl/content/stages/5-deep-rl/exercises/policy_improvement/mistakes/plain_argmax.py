"""You take a plain argmax, so between equally good actions you may switch away from the old one,
and policy iteration never sees a stable policy. When the old action is among the best (within
`tol`), keep it."""

import numpy as np


def policy_improvement(P, R, V, gamma, old_policy=None, tol=1e-9):
    policy = np.argmax(R + gamma * (P @ V), axis=1).astype(np.int64)
    stable = old_policy is not None and bool(np.all(policy == old_policy))
    return policy, stable

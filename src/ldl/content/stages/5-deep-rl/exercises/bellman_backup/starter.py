"""One Bellman expectation backup. See statement.md."""

import numpy as np


def bellman_backup(
    P: np.ndarray, R: np.ndarray, policy: np.ndarray, V: np.ndarray, gamma: float
) -> np.ndarray:
    """V'(s) = sum_a pi(a|s) [R(s, a) + gamma * sum_s' P(s'|s, a) V(s')], as a new (S,) array.

    P: (S, A, S) transition probabilities; R: (S, A) expected rewards; policy: (S, A); V: (S,).
    """
    raise NotImplementedError

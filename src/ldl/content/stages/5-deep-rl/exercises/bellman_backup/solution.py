"""Reference solution for bellman_backup."""

import numpy as np


def bellman_backup(
    P: np.ndarray, R: np.ndarray, policy: np.ndarray, V: np.ndarray, gamma: float
) -> np.ndarray:
    """V'(s) = sum_a pi(a|s) [R(s, a) + gamma * sum_s' P(s'|s, a) V(s')], as a new (S,) array."""
    q = R + gamma * (P @ V)  # (S, A): the value of each action under the current V
    return np.sum(policy * q, axis=1)  # (S,): averaged with the policy's probabilities

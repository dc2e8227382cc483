"""Reference solution for value_iteration."""

import numpy as np


def value_iteration(
    P: np.ndarray, R: np.ndarray, gamma: float, theta: float = 1e-8, max_iterations: int = 10_000
) -> tuple[np.ndarray, np.ndarray]:
    """Optimal values and a greedy policy by synchronous Bellman optimality sweeps from V = 0."""
    V = np.zeros(R.shape[0])
    for _ in range(max_iterations):
        V_new = (R + gamma * (P @ V)).max(axis=1)  # (S,): the best action value under the old V
        delta = np.max(np.abs(V_new - V))
        V = V_new
        if delta < theta:
            break
    policy = np.argmax(R + gamma * (P @ V), axis=1)  # greedy for the V we return
    return V, policy.astype(np.int64)

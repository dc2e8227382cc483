"""Value iteration. See statement.md."""

import numpy as np


def value_iteration(
    P: np.ndarray, R: np.ndarray, gamma: float, theta: float = 1e-8, max_iterations: int = 10_000
) -> tuple[np.ndarray, np.ndarray]:
    """Optimal values and a greedy policy by synchronous Bellman optimality sweeps from V = 0.

    P: (S, A, S); R: (S, A). Stops after the first sweep whose largest change is below `theta`, or
    after `max_iterations` sweeps. Returns V (S,) float64 and policy (S,) int64 (ties: lowest index).
    """
    raise NotImplementedError

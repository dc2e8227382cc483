"""n-step returns. See statement.md."""

import numpy as np


def n_step_returns(
    rewards: np.ndarray, values: np.ndarray, terminated: bool, gamma: float, n: int = 3
) -> np.ndarray:
    """G_t = sum_{k<n} gamma^k r_{t+k} + gamma^n V(s_{t+n}), cut at the trajectory's end (T,)."""
    raise NotImplementedError

"""Generalised advantage estimation, terminated vs truncated. See statement.md."""

import numpy as np


def gae(
    rewards: np.ndarray,
    values: np.ndarray,
    next_values: np.ndarray,
    terminated: np.ndarray,
    truncated: np.ndarray,
    gamma: float = 0.99,
    lam: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """delta_t = r_t + gamma (1 - terminated_t) next_values_t - values_t;
    A_t = delta_t + gamma lam (1 - ended_t) A_{t+1}. Returns (advantages, advantages + values)."""
    raise NotImplementedError

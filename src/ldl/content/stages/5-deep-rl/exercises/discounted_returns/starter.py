"""Discounted returns that stop at episode boundaries. See statement.md."""

import numpy as np


def discounted_returns(rewards: np.ndarray, dones: np.ndarray, gamma: float) -> np.ndarray:
    """G_t = r_t + gamma * G_{t+1} * (1 - dones[t]), G_T = 0, as a float64 (T,) array."""
    raise NotImplementedError

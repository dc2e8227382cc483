"""TD(0): learning from one step. See statement.md."""

import numpy as np


def td_zero(V: np.ndarray, transitions: list, alpha: float = 0.1, gamma: float = 0.99) -> np.ndarray:
    """Apply V[s] += alpha * (r + gamma * V[s'] * (not terminated) - V[s]) for each
    (s, r, s_next, terminated, truncated) in order, to a float64 copy of V."""
    raise NotImplementedError

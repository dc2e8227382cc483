"""Policy improvement that knows when to stop. See statement.md."""

import numpy as np


def policy_improvement(
    P: np.ndarray,
    R: np.ndarray,
    V: np.ndarray,
    gamma: float,
    old_policy: np.ndarray | None = None,
    tol: float = 1e-9,
) -> tuple[np.ndarray, bool]:
    """The greedy policy for V (ties within `tol`: keep the old action, else the lowest index), and
    whether it equals `old_policy`. Returns (policy (S,) int64, stable: bool)."""
    raise NotImplementedError

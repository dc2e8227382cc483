"""Power iteration for the top eigenvector. See statement.md."""

import numpy as np


def power_iteration(A: np.ndarray, num_steps: int = 200, seed: int = 0) -> tuple[float, np.ndarray]:
    """(largest-magnitude eigenvalue, its unit eigenvector (n,)) of a symmetric A (n, n)."""
    raise NotImplementedError

"""Projection onto a subspace. See statement.md."""

import numpy as np


def project(A: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Orthogonal projections of the rows of X (N, d) onto the span of A's columns (d, k); (N, d)."""
    raise NotImplementedError

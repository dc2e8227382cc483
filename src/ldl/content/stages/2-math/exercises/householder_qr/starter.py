"""QR by Householder reflections. See statement.md."""

import numpy as np


def householder_qr(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reduced QR of A (m x n, m >= n): Q (m, n) orthonormal columns, R (n, n) upper triangular
    with a non-negative diagonal, A = Q @ R."""
    raise NotImplementedError

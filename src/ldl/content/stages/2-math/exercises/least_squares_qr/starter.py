"""Least squares by QR. See statement.md."""

import numpy as np


def least_squares_qr(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x minimising ||A x - b|| (b: (m,) or (m, k)), computed from the reduced QR of A."""
    raise NotImplementedError


def residual_norm(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    """||A x - b|| (Frobenius norm for several right-hand sides)."""
    raise NotImplementedError

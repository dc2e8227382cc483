"""Least squares by QR (reference solution)."""

import numpy as np


def least_squares_qr(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    Q, R = np.linalg.qr(np.asarray(A, dtype=np.float64))  # reduced: Q (m, n), R (n, n)
    return np.linalg.solve(R, Q.T @ np.asarray(b, dtype=np.float64))  # (n,) or (n, k)


def residual_norm(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(A, dtype=np.float64) @ x - b))

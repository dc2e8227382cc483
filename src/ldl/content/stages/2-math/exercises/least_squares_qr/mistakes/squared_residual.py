"""Your residual_norm returns the squared norm ‖Ax - b‖², the quantity least squares minimises,
but the function asks for the norm itself: take the square root (np.linalg.norm does it for you)."""

import numpy as np


def least_squares_qr(A, b):
    Q, R = np.linalg.qr(np.asarray(A, dtype=np.float64))
    return np.linalg.solve(R, Q.T @ np.asarray(b, dtype=np.float64))


def residual_norm(A, b, x):
    r = np.asarray(A, dtype=np.float64) @ x - b
    return float(np.sum(r**2))

"""You rescaled A's columns in place (A /= norms on np.asarray(A, ...), which for a float64 A is the
caller's own array). Scaling columns to unit length is a fine idea for conditioning, but on a copy:
A = np.array(A, dtype=np.float64), or A / norms, which makes a new array."""

import numpy as np


def least_squares_qr(A, b):
    A = np.asarray(A, dtype=np.float64)
    norms = np.linalg.norm(A, axis=0)  # (n,)
    A /= norms
    Q, R = np.linalg.qr(A)
    return np.linalg.solve(R, Q.T @ np.asarray(b, dtype=np.float64)) / (
        norms if np.ndim(b) == 1 else norms[:, None]
    )


def residual_norm(A, b, x):
    return float(np.linalg.norm(np.asarray(A, dtype=np.float64) @ x - b))

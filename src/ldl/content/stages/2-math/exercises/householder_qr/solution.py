"""QR by Householder reflections (reference solution)."""

import numpy as np


def householder_qr(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    R = np.array(A, dtype=np.float64)  # a float copy: the caller's A is untouched
    m, n = R.shape
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]  # (m - k,)
        norm = np.linalg.norm(x)
        if norm == 0.0:
            continue  # nothing to zero (a zero column)
        v = x.copy()
        v[0] += (1.0 if x[0] >= 0 else -1.0) * norm  # add, never subtract: no cancellation
        v /= np.linalg.norm(v)
        R[k:, k:] -= 2.0 * np.outer(v, v @ R[k:, k:])  # H applied to the rows k:
        Q[:, k:] -= 2.0 * np.outer(Q[:, k:] @ v, v)  # Q <- Q H
    Q, R = Q[:, :n], np.triu(R[:n, :])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)  # (n,): make R's diagonal non-negative
    return Q * signs, R * signs[:, None]

"""You work on R = np.asarray(A, ...), which for a float64 A is A itself: the reflections overwrite
the caller's matrix. Make a real copy first: R = np.array(A, dtype=np.float64)."""

import numpy as np


def householder_qr(A):
    R = np.asarray(A, dtype=np.float64)
    m, n = R.shape
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]
        norm = np.linalg.norm(x)
        if norm == 0.0:
            continue
        v = x.copy()
        v[0] += (1.0 if x[0] >= 0 else -1.0) * norm
        v /= np.linalg.norm(v)
        R[k:, k:] -= 2.0 * np.outer(v, v @ R[k:, k:])
        Q[:, k:] -= 2.0 * np.outer(Q[:, k:] @ v, v)
    Q, R = Q[:, :n], np.triu(R[:n, :])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * signs, R * signs[:, None]

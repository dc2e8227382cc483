"""Classical and modified Gram-Schmidt (reference solution)."""

import numpy as np


def classical_gram_schmidt(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    A = np.array(A, dtype=np.float64)
    m, n = A.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]  # (j,): every projection of the ORIGINAL column at once
        v = A[:, j] - Q[:, :j] @ R[:j, j]  # (m,)
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def modified_gram_schmidt(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    V = np.array(A, dtype=np.float64)  # (m, n): columns updated in place, a copy of the caller's A
    m, n = V.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    for j in range(n):
        R[j, j] = np.linalg.norm(V[:, j])
        Q[:, j] = V[:, j] / R[j, j]
        R[j, j + 1 :] = Q[:, j] @ V[:, j + 1 :]  # project the UPDATED later columns on q_j
        V[:, j + 1 :] -= np.outer(Q[:, j], R[j, j + 1 :])
    return Q, R


def orthogonality_loss(Q: np.ndarray) -> float:
    Q = np.asarray(Q, dtype=np.float64)
    return float(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))

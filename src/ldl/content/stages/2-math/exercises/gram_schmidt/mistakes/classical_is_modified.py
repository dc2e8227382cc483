"""Your classical Gram-Schmidt projects the vector as updated so far, which is the modified
algorithm: it stays orthogonal where the classical one is known to fail, so the comparison the
exercise is about disappears. In the classical version every coefficient comes from the original
column: R[i, j] = q_iᵀ a_j, all computed before you subtract anything."""

import numpy as np


def classical_gram_schmidt(A):
    return modified_gram_schmidt(A)


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
    return float(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))

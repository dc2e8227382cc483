"""Classical and modified Gram-Schmidt. See statement.md."""

import numpy as np


def classical_gram_schmidt(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A = Q R with R[i, j] = q_iᵀ a_j computed from the original columns."""
    raise NotImplementedError


def modified_gram_schmidt(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A = Q R with each projection removed from the vector as updated so far."""
    raise NotImplementedError


def orthogonality_loss(Q: np.ndarray) -> float:
    """The Frobenius norm of QᵀQ - I."""
    raise NotImplementedError

"""Eigen-decomposition: checking an eigenpair and rebuilding a matrix. See statement.md."""

import numpy as np


def is_eigenpair(A: np.ndarray, v: np.ndarray, lam: float, tol: float = 1e-8) -> bool:
    """True when A v equals lam * v within `tol` in every entry. A (n, n), v (n,)."""
    raise NotImplementedError


def reconstruct(eigenvalues: np.ndarray, eigenvectors: np.ndarray) -> np.ndarray:
    """A = V diag(eigenvalues) V⁻¹, with V = eigenvectors (n, n), column i for eigenvalue i."""
    raise NotImplementedError

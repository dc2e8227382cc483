"""Reference solution: checking an eigenpair and rebuilding a matrix."""

import numpy as np


def is_eigenpair(A: np.ndarray, v: np.ndarray, lam: float, tol: float = 1e-8) -> bool:
    """True when A v equals lam * v within `tol` in every entry. A (n, n), v (n,)."""
    return bool(np.allclose(A @ v, lam * v, rtol=0.0, atol=tol))


def reconstruct(eigenvalues: np.ndarray, eigenvectors: np.ndarray) -> np.ndarray:
    """A = V diag(eigenvalues) V⁻¹, with V = eigenvectors (n, n), column i for eigenvalue i."""
    V = eigenvectors
    scaled = V * eigenvalues  # (n, n): column i times λᵢ, i.e. V Λ without building Λ
    return np.linalg.solve(V.T, scaled.T).T  # (V Λ) V⁻¹, solving instead of inverting

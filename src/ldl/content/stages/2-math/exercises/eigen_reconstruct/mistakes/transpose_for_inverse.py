"""You used Vᵀ where V⁻¹ belongs. That is only valid when the eigenvectors are orthonormal, as for a
symmetric matrix; in general A = V Λ V⁻¹."""

import numpy as np


def is_eigenpair(A: np.ndarray, v: np.ndarray, lam: float, tol: float = 1e-8) -> bool:
    return bool(np.allclose(A @ v, lam * v, rtol=0.0, atol=tol))


def reconstruct(eigenvalues: np.ndarray, eigenvectors: np.ndarray) -> np.ndarray:
    return eigenvectors @ np.diag(eigenvalues) @ eigenvectors.T

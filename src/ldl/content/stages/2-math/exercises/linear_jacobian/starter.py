"""The Jacobians of f(x) = Wx + b. See statement.md."""

import numpy as np


def jacobian_wrt_x(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∂(Wx + b)/∂x, shape (m, n): row i, column j holds ∂fᵢ/∂xⱼ. W (m, n), b (m,), x (n,)."""
    raise NotImplementedError


def jacobian_wrt_b(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∂(Wx + b)/∂b, shape (m, m)."""
    raise NotImplementedError

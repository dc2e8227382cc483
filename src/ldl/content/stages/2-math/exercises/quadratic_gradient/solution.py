"""Reference solution: the gradient of a quadratic f(x) = ½ xᵀAx − bᵀx."""

import numpy as np


def quadratic_value(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    """f(x) = ½ xᵀAx − bᵀx. A (n, n), b (n,), x (n,)."""
    return float(0.5 * x @ A @ x - b @ x)


def quadratic_gradient(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∇f(x), shape (n,). A need not be symmetric."""
    return 0.5 * (A + A.T) @ x - b


def quadratic_hessian(A: np.ndarray) -> np.ndarray:
    """The (n, n) matrix of second derivatives of f."""
    return 0.5 * (A + A.T)

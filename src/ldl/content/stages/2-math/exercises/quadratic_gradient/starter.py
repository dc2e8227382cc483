"""The gradient of a quadratic f(x) = ½ xᵀAx − bᵀx. See statement.md."""

import numpy as np


def quadratic_value(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    """f(x) = ½ xᵀAx − bᵀx. A (n, n), b (n,), x (n,)."""
    raise NotImplementedError


def quadratic_gradient(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∇f(x), shape (n,). A need not be symmetric."""
    raise NotImplementedError


def quadratic_hessian(A: np.ndarray) -> np.ndarray:
    """The (n, n) matrix of second derivatives of f."""
    raise NotImplementedError

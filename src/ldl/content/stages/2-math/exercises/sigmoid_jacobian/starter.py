"""The Jacobian of an element-wise activation (the sigmoid). See statement.md."""

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-x)), element-wise; shape of x."""
    raise NotImplementedError


def sigmoid_jacobian(x: np.ndarray) -> np.ndarray:
    """∂sigmoid(x)/∂x for x (n,): the (n, n) Jacobian."""
    raise NotImplementedError


def sigmoid_vjp(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Jᵀ g for J = ∂sigmoid(x)/∂x and g (n,), without forming J; shape (n,)."""
    raise NotImplementedError

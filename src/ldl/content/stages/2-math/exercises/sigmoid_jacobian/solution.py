"""Reference solution: the Jacobian of an element-wise activation (the sigmoid)."""

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-x)), element-wise; shape of x."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_jacobian(x: np.ndarray) -> np.ndarray:
    """∂sigmoid(x)/∂x for x (n,): the (n, n) Jacobian."""
    s = sigmoid(x)
    return np.diag(s * (1 - s))  # off-diagonal zero: output i ignores input j ≠ i


def sigmoid_vjp(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Jᵀ g for J = ∂sigmoid(x)/∂x and g (n,), without forming J; shape (n,)."""
    s = sigmoid(x)
    return s * (1 - s) * g  # a diagonal J times g is an element-wise product

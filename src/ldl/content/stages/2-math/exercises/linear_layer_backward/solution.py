"""Reference solution: backpropagation through a linear layer Y = X Wᵀ + b."""

import numpy as np


def linear_backward(
    X: np.ndarray, W: np.ndarray, b: np.ndarray, grad_Y: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(∂L/∂X (N, n), ∂L/∂W (m, n), ∂L/∂b (m,)) given grad_Y = ∂L/∂Y (N, m)."""
    grad_X = grad_Y @ W  # (N, m) @ (m, n) -> (N, n)
    grad_W = grad_Y.T @ X  # (m, N) @ (N, n) -> (m, n)
    grad_b = grad_Y.sum(axis=0)  # (m,): b reaches every row of Y
    return grad_X, grad_W, grad_b

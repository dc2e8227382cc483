"""Reference solution: the gradient of a least-squares loss with respect to W."""

import numpy as np


def least_squares_loss(W: np.ndarray, X: np.ndarray, Y: np.ndarray) -> float:
    """(1/N) ‖X Wᵀ − Y‖²_F. W (m, n), X (N, n), Y (N, m)."""
    residual = X @ W.T - Y  # (N, m)
    return float(np.sum(residual**2) / len(X))


def least_squares_grad(W: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """∂ least_squares_loss / ∂W, shape (m, n)."""
    residual = X @ W.T - Y  # (N, m)
    return 2.0 / len(X) * residual.T @ X  # (m, N) @ (N, n) -> (m, n)

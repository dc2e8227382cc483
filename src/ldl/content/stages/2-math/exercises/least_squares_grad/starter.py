"""The gradient of a least-squares loss with respect to W. See statement.md."""

import numpy as np


def least_squares_loss(W: np.ndarray, X: np.ndarray, Y: np.ndarray) -> float:
    """(1/N) ‖X Wᵀ − Y‖²_F. W (m, n), X (N, n), Y (N, m)."""
    raise NotImplementedError


def least_squares_grad(W: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """∂ least_squares_loss / ∂W, shape (m, n)."""
    raise NotImplementedError

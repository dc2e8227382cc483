"""Backpropagation through a linear layer Y = X Wᵀ + b. See statement.md."""

import numpy as np


def linear_backward(
    X: np.ndarray, W: np.ndarray, b: np.ndarray, grad_Y: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(∂L/∂X (N, n), ∂L/∂W (m, n), ∂L/∂b (m,)) given grad_Y = ∂L/∂Y (N, m)."""
    raise NotImplementedError

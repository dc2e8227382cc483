"""The Jacobian of softmax. See statement.md."""

import numpy as np


def softmax(z: np.ndarray) -> np.ndarray:
    """exp(z) / sum(exp(z)) for z (n,), computed without overflow."""
    raise NotImplementedError


def softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """∂softmax(z)/∂z, shape (n, n): J[i, j] = ∂sᵢ/∂zⱼ."""
    raise NotImplementedError

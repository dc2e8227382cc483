"""Reference solution: the Jacobian of softmax."""

import numpy as np


def softmax(z: np.ndarray) -> np.ndarray:
    """exp(z) / sum(exp(z)) for z (n,), computed without overflow."""
    e = np.exp(z - z.max())  # the shift cancels between numerator and denominator
    return e / e.sum()


def softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """∂softmax(z)/∂z, shape (n, n): J[i, j] = ∂sᵢ/∂zⱼ."""
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)  # sᵢ(δᵢⱼ − sⱼ)

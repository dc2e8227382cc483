"""The gradient of a ReLU neuron's mean squared error. See statement.md."""

import numpy as np


def neuron_loss(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> float:
    """mean((max(0, X w + b) − y)²). w (n,), X (N, n), y (N,)."""
    raise NotImplementedError


def neuron_grad(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """(∂L/∂w with shape (n,), ∂L/∂b as a float) for L = neuron_loss(w, b, X, y)."""
    raise NotImplementedError

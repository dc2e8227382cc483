"""Reference solution: the gradient of a ReLU neuron's mean squared error."""

import numpy as np


def neuron_loss(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> float:
    """mean((max(0, X w + b) − y)²). w (n,), X (N, n), y (N,)."""
    a = np.maximum(0.0, X @ w + b)  # (N,)
    return float(np.mean((a - y) ** 2))


def neuron_grad(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """(∂L/∂w with shape (n,), ∂L/∂b as a float) for L = neuron_loss(w, b, X, y)."""
    z = X @ w + b  # (N,)
    a = np.maximum(0.0, z)
    grad_a = 2.0 / len(X) * (a - y)  # (N,)
    grad_z = grad_a * (z > 0)  # the ReLU passes the gradient only where it was active
    return X.T @ grad_z, float(grad_z.sum())  # (n,), and b's share summed over the batch

"""Kept activations must be scaled by 1 / (1 - p) during training ("inverted" dropout): otherwise
the expected activation shrinks to (1 - p) * x in training but not at test time, and the network
sees different scales in the two modes."""

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(x * mask, mask) with mask = (rng.random(x.shape) >= p) / (1 - p) in training mode."""
    if not training or p == 0:
        return x, np.ones_like(x)
    if p == 1:
        return np.zeros_like(x), np.zeros_like(x)  # nothing kept; 1 / (1 - p) is undefined
    mask = (rng.random(x.shape) >= p).astype(float)  # 0 or 1/(1-p): E[mask] = 1
    return x * mask, mask


def dropout_backward(grad_output: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """dL/dx = dL/dy * mask."""
    return grad_output * mask

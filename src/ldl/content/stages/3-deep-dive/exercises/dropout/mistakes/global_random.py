"""You drew the random numbers from numpy's global generator (np.random.random / np.random.rand)
instead of the generator passed in: the draws are not the ones the caller seeded, so the same seed
gives different masks, and other code sharing the global state is disturbed. Draw from the argument:
u = rng.random(x.shape)."""

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(x * mask, mask) with mask = (rng.random(x.shape) >= p) / (1 - p) in training mode."""
    if not training or p == 0:
        return x, np.ones_like(x)
    if p == 1:
        return np.zeros_like(x), np.zeros_like(x)  # nothing kept; 1 / (1 - p) is undefined
    mask = (np.random.random(x.shape) >= p) / (1 - p)  # 0 or 1/(1-p): E[mask] = 1
    return x * mask, mask


def dropout_backward(grad_output: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """dL/dx = dL/dy * mask."""
    return grad_output * mask

"""Your backward changed the caller's grad_output in place (`grad_output *= mask`). The gradient
arriving from above may be used again (it is shared when a value feeds two layers), so return a new
array: grad_output * mask. Your forward is right."""

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(x * mask, mask) with mask = (rng.random(x.shape) >= p) / (1 - p) in training mode."""
    if not training or p == 0:
        return x, np.ones_like(x)
    if p == 1:
        return np.zeros_like(x), np.zeros_like(x)  # nothing kept; 1 / (1 - p) is undefined
    mask = (rng.random(x.shape) >= p) / (1 - p)  # 0 or 1/(1-p): E[mask] = 1
    return x * mask, mask


def dropout_backward(grad_output: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """dL/dx = dL/dy * mask."""
    grad_output *= mask
    return grad_output

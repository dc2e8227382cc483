"""Your forward changed the caller's x: `x *= mask` zeroes and rescales the activations the caller
passed in (and returns that same array as the output). The caller may still need x, for instance for
another layer's backward pass. Compute a new array, out = x * mask; your mask is right."""

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
    x *= mask
    return x, mask


def dropout_backward(grad_output: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """dL/dx = dL/dy * mask."""
    return grad_output * mask

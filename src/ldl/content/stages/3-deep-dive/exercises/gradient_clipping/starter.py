"""Clip gradients by their global norm, or by value, in place. See statement.md."""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """sqrt of the sum of squares of every entry of every array."""
    raise NotImplementedError


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale every array in place by min(1, max_norm / (norm + 1e-6)); return the norm before."""
    raise NotImplementedError


def clip_grad_value(grads: list[np.ndarray], clip_value: float) -> None:
    """Clamp every entry of every array into [-clip_value, clip_value], in place."""
    raise NotImplementedError

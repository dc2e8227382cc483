"""Reference solution for stable_softmax."""

import numpy as np


def softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z), along `axis`."""
    shifted = logits - logits.max(axis=axis, keepdims=True)  # the largest entry is now 0
    exps = np.exp(shifted)  # in (0, 1], at least one exactly 1
    return exps / exps.sum(axis=axis, keepdims=True)


def log_softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(z)_i = (z_i - max z) - log sum_j exp(z_j - max z), along `axis`."""
    shifted = logits - logits.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))

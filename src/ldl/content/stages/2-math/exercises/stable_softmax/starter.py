"""A numerically stable softmax and log-softmax. See statement.md (`ldl` shows it)."""

import numpy as np


def softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z), along `axis`.

    logits: an array of any shape, e.g. (N, C) for N examples and C classes.
    Returns an array of the same shape whose values along `axis` are positive and sum to 1.
    """
    raise NotImplementedError


def log_softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(z)_i = (z_i - max z) - log sum_j exp(z_j - max z), along `axis`.

    Same shape as `logits`. Never computed as log(softmax(...)): that underflows to -inf.
    """
    raise NotImplementedError

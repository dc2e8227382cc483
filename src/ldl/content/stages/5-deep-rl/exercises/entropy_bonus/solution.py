"""Reference solution for entropy_bonus."""

import numpy as np


def categorical_entropy(logits):
    """-sum_a p_a log p_a with p = softmax(logits) over the last axis, via log-probabilities."""
    z = logits - logits.max(axis=-1, keepdims=True)  # every exponent <= 0
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))  # (..., A), -inf only for -inf logits
        terms = np.where(np.isneginf(log_p), 0.0, np.exp(log_p) * log_p)  # 0 * log 0 counts as 0
    return -terms.sum(axis=-1).astype(logits.dtype, copy=False)

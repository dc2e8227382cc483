"""You exponentiate the raw logits: for logits in the hundreds exp overflows to inf and the
entropy becomes nan. Subtract each row's maximum first and work with log-probabilities:
log p = z - logsumexp(z)."""

import numpy as np


def categorical_entropy(logits):
    p = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    return -(p * np.log(p)).sum(axis=-1)

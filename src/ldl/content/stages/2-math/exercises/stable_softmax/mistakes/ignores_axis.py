"""Your softmax always normalises the last axis, whatever `axis` says. Pass `axis` to the max and
to the sum (both with keepdims=True), so `axis=0` normalises columns and `axis=1` the middle axis
of a 3-D array."""

import numpy as np


def softmax(logits, axis=-1):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def log_softmax(logits, axis=-1):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))

"""Your answer is right, but you subtracted the maximum *in place* (`logits -= ...`), which
changes the caller's array: whoever passed you the logits now holds shifted numbers. Make a new
array instead: `shifted = logits - logits.max(axis=axis, keepdims=True)`."""

import numpy as np


def softmax(logits, axis=-1):
    logits -= logits.max(axis=axis, keepdims=True)
    exps = np.exp(logits)
    return exps / exps.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    logits -= logits.max(axis=axis, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=axis, keepdims=True))

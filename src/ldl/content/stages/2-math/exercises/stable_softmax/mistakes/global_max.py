"""You subtract the maximum of the whole array, not of each row. The answer is right only while
all rows are on a similar scale: a row far below the global maximum underflows to 0/0. Take the
maximum along `axis` with keepdims=True."""

import numpy as np


def softmax(logits, axis=-1):
    exps = np.exp(logits - logits.max())
    return exps / exps.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    shifted = logits - logits.max()
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))

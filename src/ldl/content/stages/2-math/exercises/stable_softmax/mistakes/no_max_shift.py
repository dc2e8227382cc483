"""exp() of large logits overflows to inf (and of very negative ones underflows to 0), so the
division gives nan. Subtract the maximum along the axis first (keepdims=True): softmax does not
change when every logit of a row moves by the same amount."""

import numpy as np


def softmax(logits, axis=-1):
    exps = np.exp(logits)
    return exps / exps.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    return np.log(softmax(logits, axis))

"""You average over the broadcast axes instead of summing. Each copy of the input contributed to
the loss in full, so each copy's gradient counts in full: sum them."""

import numpy as np


def unbroadcast(grad, shape):
    shape = tuple(shape)
    extra = grad.ndim - len(shape)
    grad = grad.mean(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return np.asarray(grad.mean(axis=stretched, keepdims=True)).reshape(shape)

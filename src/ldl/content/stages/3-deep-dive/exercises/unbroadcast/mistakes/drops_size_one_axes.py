"""The result must have exactly the input's shape, size-1 axes included: sum stretched axes with
`keepdims=True`, so that a (3, 1) column gets a (3, 1) gradient and not a (3,) one."""

import numpy as np


def unbroadcast(grad, shape):
    shape = tuple(shape)
    extra = grad.ndim - len(shape)
    grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return np.asarray(grad.sum(axis=stretched))

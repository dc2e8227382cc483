"""np.broadcast_to returns a read-only view whose H·W entries per map are the same memory: the first
in-place update anyone makes to this gradient (an optimizer, gradient accumulation) fails or
corrupts it. Materialise it: multiply by np.ones(x_shape), or use np.repeat."""

import numpy as np


def global_avg_pool(x, keepdims=False):
    return np.mean(x, axis=(2, 3), keepdims=keepdims)


def global_avg_pool_backward(grad_output, x_shape):
    n, c, height, width = x_shape
    return np.broadcast_to(np.reshape(grad_output, (n, c, 1, 1)) / (height * width), x_shape)

"""Your forward ignores keepdims=True: with it, the result keeps the pooled axes as size 1, shape
(N, C, 1, 1), which is what lets you add or multiply the pooled values back onto the (N, C, H, W)
maps (as squeeze-and-excitation blocks do). Pass keepdims on to np.mean."""

import numpy as np


def global_avg_pool(x, keepdims=False):
    return np.mean(x, axis=(2, 3))


def global_avg_pool_backward(grad_output, x_shape):
    n, c, height, width = x_shape
    per_pixel = np.reshape(grad_output, (n, c, 1, 1)) / (height * width)
    return np.repeat(np.repeat(per_pixel, height, axis=2), width, axis=3)

"""Each map has H·W pixels, and each contributed 1/(H·W) of the mean; your backward divides by only
one of the two sizes (it passes on square maps, not on the 4 x 5 ones). Divide by height * width."""

import numpy as np


def global_avg_pool(x, keepdims=False):
    return np.mean(x, axis=(2, 3), keepdims=keepdims)


def global_avg_pool_backward(grad_output, x_shape):
    n, c, height, width = x_shape
    per_pixel = np.reshape(grad_output, (n, c, 1, 1)) / height
    return np.repeat(np.repeat(per_pixel, height, axis=2), width, axis=3)

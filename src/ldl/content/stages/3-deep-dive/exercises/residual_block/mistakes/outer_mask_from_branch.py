"""The outer ReLU acts on s = x + f, so its mask is (x + f > 0), not (f > 0): where the branch's
output is negative but the input outweighs it, the block still passes gradient. Compute s first and
mask with s > 0."""

import numpy as np


def residual_block_forward(x, W1, b1, W2, b2):
    h = x @ W1 + b1
    return np.maximum(x + np.maximum(h, 0) @ W2 + b2, 0)


def residual_block_backward(x, W1, b1, W2, b2, grad_out):
    h = x @ W1 + b1
    a = np.maximum(h, 0)
    f = a @ W2 + b2
    g = grad_out * (f > 0)
    grad_h = (g @ W2.T) * (h > 0)
    return g + grad_h @ W1.T, x.T @ grad_h, grad_h.sum(axis=0), a.T @ g, g.sum(axis=0)

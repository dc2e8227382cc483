"""Your grad_x only has the branch's share. The sum x + f hands its gradient to both inputs: x gets
g directly through the skip connection, plus what comes back through the branch (g W2ᵀ, masked,
times W1ᵀ). Add them: grad_x = g + grad_h @ W1.T. That direct term is the whole point of a ResNet."""

import numpy as np


def residual_block_forward(x, W1, b1, W2, b2):
    h = x @ W1 + b1
    return np.maximum(x + np.maximum(h, 0) @ W2 + b2, 0)


def residual_block_backward(x, W1, b1, W2, b2, grad_out):
    h = x @ W1 + b1
    a = np.maximum(h, 0)
    g = grad_out * (x + a @ W2 + b2 > 0)
    grad_h = (g @ W2.T) * (h > 0)
    return grad_h @ W1.T, x.T @ grad_h, grad_h.sum(axis=0), a.T @ g, g.sum(axis=0)

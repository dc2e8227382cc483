"""Your bias gradients average over the batch. Each example adds its own b to its own row, so the
loss sums over examples and so do the bias gradients: g.sum(axis=0), not g.mean(axis=0) (the
weights' gradients, aᵀ g, are sums too)."""

import numpy as np


def residual_block_forward(x, W1, b1, W2, b2):
    h = x @ W1 + b1
    return np.maximum(x + np.maximum(h, 0) @ W2 + b2, 0)


def residual_block_backward(x, W1, b1, W2, b2, grad_out):
    h = x @ W1 + b1
    a = np.maximum(h, 0)
    g = grad_out * (x + a @ W2 + b2 > 0)
    grad_h = (g @ W2.T) * (h > 0)
    return g + grad_h @ W1.T, x.T @ grad_h, grad_h.mean(axis=0), a.T @ g, g.mean(axis=0)

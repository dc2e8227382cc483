"""A residual block's forward and backward (reference solution)."""

import numpy as np


def residual_block_forward(x, W1, b1, W2, b2) -> np.ndarray:
    h = x @ W1 + b1  # (N, H)
    f = np.maximum(h, 0) @ W2 + b2  # (N, D)
    return np.maximum(x + f, 0)


def residual_block_backward(x, W1, b1, W2, b2, grad_out):
    h = x @ W1 + b1  # (N, H)
    a = np.maximum(h, 0)
    s = x + a @ W2 + b2  # (N, D), before the outer relu
    g = grad_out * (s > 0)  # gradient at s = x + f: it flows to x AND to f
    grad_W2, grad_b2 = a.T @ g, g.sum(axis=0)
    grad_h = (g @ W2.T) * (h > 0)  # (N, H)
    grad_W1, grad_b1 = x.T @ grad_h, grad_h.sum(axis=0)
    grad_x = g + grad_h @ W1.T  # the skip's share plus the branch's
    return grad_x, grad_W1, grad_b1, grad_W2, grad_b2

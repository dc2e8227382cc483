"""A residual block's forward and backward. See statement.md."""

import numpy as np


def residual_block_forward(x, W1, b1, W2, b2) -> np.ndarray:
    """relu(x + relu(x W1 + b1) W2 + b2), shape (N, D)."""
    raise NotImplementedError


def residual_block_backward(x, W1, b1, W2, b2, grad_out):
    """(grad_x, grad_W1, grad_b1, grad_W2, grad_b2) of sum(grad_out * forward(...))."""
    raise NotImplementedError

"""A weight shared across a batch, as in (B, T, C) @ (C, D), receives one gradient per batch
element, and they must be summed: your gradient for the shared input still has the batch axes.
Pass each gradient through `unbroadcast(grad, input.shape)`."""

import numpy as np


def matmul_backward(a, b, grad_out):
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b
    g = grad_out.reshape(np.broadcast_shapes(a2.shape[:-2], b2.shape[:-2]) + (a2.shape[-2], b2.shape[-1]))
    grad_a = g @ np.swapaxes(b2, -1, -2)
    grad_b = np.swapaxes(a2, -1, -2) @ g
    if a.ndim == 1:
        grad_a = grad_a.reshape(grad_a.shape[:-2] + (a.shape[-1],))
    if b.ndim == 1:
        grad_b = grad_b[..., 0]
    return grad_a, grad_b

"""Your code reshaped the caller's grad_out in place (`grad_out.shape = ...`), so after the call it no
longer has the shape of a @ b. Use grad_out.reshape(...), which returns a new view and leaves the
caller's array alone; your gradients are right."""

import numpy as np
from unbroadcast import unbroadcast


def matmul_backward(a: np.ndarray, b: np.ndarray, grad_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of L with respect to a and b, given grad_out = dL/d(a @ b)."""
    a2 = a[None, :] if a.ndim == 1 else a  # (k,) -> (1, k)
    b2 = b[:, None] if b.ndim == 1 else b  # (k,) -> (k, 1)
    batch = np.broadcast_shapes(a2.shape[:-2], b2.shape[:-2])
    grad_out.shape = batch + (a2.shape[-2], b2.shape[-1])  # restore the axes numpy dropped for 1-D inputs
    g = grad_out
    grad_a = g @ np.swapaxes(b2, -1, -2)  # (..., n, m) @ (..., m, k) -> (..., n, k)
    grad_b = np.swapaxes(a2, -1, -2) @ g  # (..., k, n) @ (..., n, m) -> (..., k, m)
    grad_a = unbroadcast(grad_a, a2.shape).reshape(a.shape)  # sum batch copies, drop the added axis
    grad_b = unbroadcast(grad_b, b2.shape).reshape(b.shape)
    return grad_a, grad_b

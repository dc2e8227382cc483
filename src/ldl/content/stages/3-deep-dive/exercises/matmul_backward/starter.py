"""The backward pass of numpy's matmul, with batch axes and broadcasting. See statement.md."""

import numpy as np

from unbroadcast import unbroadcast  # your previous exercise


def matmul_backward(a: np.ndarray, b: np.ndarray, grad_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of L with respect to a and b, given grad_out = dL/d(a @ b).

    a: (..., n, k) or (k,); b: (..., k, m) or (k,); grad_out: the shape of a @ b.
    Returns (grad_a, grad_b) with the shapes of a and b.
    """
    raise NotImplementedError

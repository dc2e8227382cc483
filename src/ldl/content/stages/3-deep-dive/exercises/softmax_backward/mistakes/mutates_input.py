"""Your code shifted the caller's x in place (`x -= x.max(axis=axis, keepdims=True)`), so after the
call their logits have changed. Subtract into a new array, shifted = x - x.max(axis=axis,
keepdims=True); your stable formula is right."""

import numpy as np


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """x - log(sum(exp(x))) along `axis`, computed stably."""
    x -= x.max(axis=axis, keepdims=True)  # the largest entry of each slice becomes 0
    shifted = x
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(x) / sum(exp(x)) along `axis`, computed stably."""
    return np.exp(log_softmax(x, axis))


def softmax_backward(x: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """dL/dx_j = p_j (g_j - sum_i g_i p_i): the Jacobian p_i(δ_ij - p_j), never built."""
    p = softmax(x, axis)
    return p * (grad_out - (grad_out * p).sum(axis=axis, keepdims=True))


def log_softmax_backward(x: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """dL/dx_j = g_j - p_j sum_i g_i: the Jacobian δ_ij - p_j."""
    return grad_out - softmax(x, axis) * grad_out.sum(axis=axis, keepdims=True)

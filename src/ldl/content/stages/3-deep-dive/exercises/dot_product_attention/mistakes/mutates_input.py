"""Your code scaled the caller's q in place (`q /= np.sqrt(d)`), so their queries are smaller after the
call, and a second call would scale them again. Scale the scores instead, (q @ k^T) / sqrt(d), or
make a new array, q = q / np.sqrt(d); your attention itself is right."""

import numpy as np


def causal_mask(size: int) -> np.ndarray:
    """(size, size) booleans, True where key j <= query i."""
    return np.tril(np.ones((size, size), dtype=bool))


def _weights(q, k, mask):
    q /= np.sqrt(q.shape[-1])
    scores = q @ np.swapaxes(k, -1, -2)  # (..., Tq, Tk)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)  # stable softmax over the keys
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

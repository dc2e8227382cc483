"""Scaled dot-product attention with an optional boolean mask, and its backward pass. See statement.md."""

import numpy as np


def causal_mask(size: int) -> np.ndarray:
    """(size, size) booleans, True where key j <= query i (on and below the diagonal)."""
    raise NotImplementedError


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """softmax(q @ k^T / sqrt(d), over the keys) @ v, masked scores set to -inf.

    q (..., Tq, d), k (..., Tk, d), v (..., Tk, dv), mask broadcastable to (..., Tq, Tk), True = allowed.
    Returns (out (..., Tq, dv), weights (..., Tq, Tk)).
    """
    raise NotImplementedError


def attention_backward(q, k, v, grad_out, mask=None):
    """(grad_q, grad_k, grad_v), the shapes of q, k and v, given grad_out = dL/dout."""
    raise NotImplementedError

"""Softmax and log-softmax along any axis, with their backward passes. See statement.md."""

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(x) / sum(exp(x)) along `axis`, computed stably (subtract the max first). Same shape as x."""
    raise NotImplementedError


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """x - log(sum(exp(x))) along `axis`, computed stably. Same shape as x."""
    raise NotImplementedError


def softmax_backward(x: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """dL/dx = p * (grad_out - sum(grad_out * p, axis)), p = softmax(x, axis). Same shape as x."""
    raise NotImplementedError


def log_softmax_backward(x: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """dL/dx = grad_out - p * sum(grad_out, axis), p = softmax(x, axis). Same shape as x."""
    raise NotImplementedError

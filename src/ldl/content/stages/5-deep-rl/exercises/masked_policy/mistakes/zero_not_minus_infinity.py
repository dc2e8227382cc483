"""You give illegal actions a logit of 0, which still leaves them a share of the probability (e^0
is not 0). An action that must never be chosen needs a logit of -inf, so that its probability is
exactly 0 and the legal ones share all of it."""

import numpy as np


def masked_log_probs(logits, legal):
    masked = np.where(legal, logits, 0.0)
    shifted = masked - masked.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return np.where(legal, log_probs, -np.inf)


def masked_entropy(logits, legal):
    log_probs = masked_log_probs(logits, legal)
    probs = np.exp(log_probs)
    return -np.sum(np.where(legal, probs * np.where(legal, log_probs, 0.0), 0.0), axis=1)

"""You take the softmax over all actions and then drop the illegal ones, so the legal
probabilities no longer add up to 1. Mask *before* normalising (illegal logits to -inf, then
log-softmax), so the legal actions share the whole probability."""

import numpy as np


def masked_log_probs(logits, legal):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return np.where(legal, log_probs, -np.inf)


def masked_entropy(logits, legal):
    log_probs = masked_log_probs(logits, legal)
    probs = np.exp(log_probs)
    return -np.sum(np.where(legal, probs * np.where(legal, log_probs, 0.0), 0.0), axis=1)

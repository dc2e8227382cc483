"""Your entropy is nan: an illegal action has p = 0 and log p = -inf, and 0 * -inf is nan in
floating point. By convention 0 log 0 = 0: leave the illegal actions out of the sum (np.where on
the mask) instead of multiplying through."""

import numpy as np


def masked_log_probs(logits, legal):
    masked = np.where(legal, logits, -np.inf)
    shifted = masked - masked.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def masked_entropy(logits, legal):
    log_probs = masked_log_probs(logits, legal)
    return -np.sum(np.exp(log_probs) * log_probs, axis=1)

"""Reference solution for masked_policy."""

import numpy as np


def masked_log_probs(logits, legal):
    """log pi(a | s) over the legal actions only: -inf where illegal. logits (B, A), legal (B, A) bool."""
    masked = np.where(legal, logits, -np.inf)  # an illegal action gets probability exactly 0
    top = masked.max(axis=1, keepdims=True)  # (B, 1): the largest *legal* logit, for stability
    shifted = masked - top  # (B, A): <= 0, -inf where illegal
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # log-softmax


def masked_entropy(logits, legal):
    """H = -sum_a pi(a) log pi(a) over the legal actions, (B,); an illegal action adds 0, not nan."""
    log_probs = masked_log_probs(logits, legal)
    probs = np.exp(log_probs)  # (B, A): exactly 0 where illegal
    return -np.sum(np.where(legal, probs * np.where(legal, log_probs, 0.0), 0.0), axis=1)

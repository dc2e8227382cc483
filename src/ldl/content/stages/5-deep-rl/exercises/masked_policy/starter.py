"""A policy over legal actions only: masked log-probabilities and entropy. See statement.md."""

import numpy as np


def masked_log_probs(logits, legal):
    """log pi(a | s) over the legal actions only: -inf where illegal. logits (B, A), legal (B, A) bool."""
    raise NotImplementedError


def masked_entropy(logits, legal):
    """H = -sum_a pi(a) log pi(a) over the legal actions, (B,); an illegal action adds 0, not nan."""
    raise NotImplementedError

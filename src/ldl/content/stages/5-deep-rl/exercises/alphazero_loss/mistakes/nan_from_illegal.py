"""You multiply pi by log p on illegal moves too: 0 * log(0) = 0 * -inf is NaN, and one NaN makes
the whole loss NaN. Sum pi * log p over the legal moves only (np.where(legal, ..., 0.0) on an
array that never held the -inf)."""

import numpy as np


def alphazero_loss(logits, values, target_policies, target_values, legal, weights=(), l2=1e-4):
    masked = np.where(legal, logits, -np.inf)
    shifted = masked - masked.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    policy = float(-(target_policies * log_p).sum(axis=1).mean())
    value = float(np.mean((np.asarray(target_values) - values) ** 2))
    reg = float(l2 * sum(np.sum(np.square(w)) for w in weights))
    return value + policy + reg, value, policy, reg

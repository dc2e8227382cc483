"""Your losses are summed over the batch; AlphaZero averages them (mean over the B positions), so
that the learning rate does not depend on the batch size."""

import numpy as np


def alphazero_loss(logits, values, target_policies, target_values, legal, weights=(), l2=1e-4):
    masked = np.where(legal, logits, -np.inf)
    shifted = np.where(legal, masked - masked.max(axis=1, keepdims=True), 0.0)
    log_p = shifted - np.log(np.where(legal, np.exp(shifted), 0.0).sum(axis=1, keepdims=True))
    policy = float(-np.where(legal, target_policies * log_p, 0.0).sum())
    value = float(np.sum((np.asarray(target_values) - values) ** 2))
    reg = float(l2 * sum(np.sum(np.square(w)) for w in weights))
    return value + policy + reg, value, policy, reg

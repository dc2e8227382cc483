"""Your softmax runs over every action, illegal ones included, so they take probability from the
legal moves and the policy loss is wrong. Normalise over the legal moves only (set illegal logits
to -inf before the log-sum-exp, and leave them out of the sum)."""

import numpy as np


def alphazero_loss(logits, values, target_policies, target_values, legal, weights=(), l2=1e-4):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    policy = float(-(target_policies * log_p).sum(axis=1).mean())
    value = float(np.mean((np.asarray(target_values) - values) ** 2))
    reg = float(l2 * sum(np.sum(np.square(w)) for w in weights))
    return value + policy + reg, value, policy, reg

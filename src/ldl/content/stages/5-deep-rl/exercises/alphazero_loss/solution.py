"""Reference solution for alphazero_loss."""

import numpy as np


def alphazero_loss(logits, values, target_policies, target_values, legal, weights=(), l2=1e-4):
    """Value MSE + policy cross-entropy over the legal moves + L2 penalty."""
    legal = np.asarray(legal, dtype=bool)
    masked = np.where(legal, logits, -np.inf)  # (B, A): illegal moves take no part
    top = masked.max(axis=1, keepdims=True)  # (B, 1): a legal logit, so finite
    shifted = np.where(legal, masked - top, 0.0)  # (B, A), <= 0 on legal moves
    log_norm = np.log(np.where(legal, np.exp(shifted), 0.0).sum(axis=1, keepdims=True))  # (B, 1)
    log_p = shifted - log_norm  # (B, A); meaningful on legal moves only
    cross = np.where(legal, target_policies * log_p, 0.0).sum(axis=1)  # (B,)
    policy_loss = float(-cross.mean())
    value_loss = float(np.mean((np.asarray(target_values) - np.asarray(values)) ** 2))
    l2_loss = float(l2 * sum(np.sum(np.square(w)) for w in weights))
    return value_loss + policy_loss + l2_loss, value_loss, policy_loss, l2_loss

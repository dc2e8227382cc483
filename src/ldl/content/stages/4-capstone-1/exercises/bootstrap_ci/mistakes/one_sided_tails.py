"""You cut alpha from each tail instead of alpha / 2: percentiles at 5 and 95 give a 90% interval
when 95% was asked for. Split alpha between the two tails: 100 * alpha / 2 and 100 * (1 - alpha / 2)."""

import numpy as np


def bootstrap_ci(values, resamples=2000, confidence=0.95, seed=0):
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(resamples, len(values)))].mean(axis=1)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha, 100 * (1 - alpha)])
    return float(low), float(high)

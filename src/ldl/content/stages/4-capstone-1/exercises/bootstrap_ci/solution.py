"""Reference solution for bootstrap_ci."""

import numpy as np


def bootstrap_ci(values, resamples=2000, confidence=0.95, seed=0):
    """(low, high): the percentile bootstrap interval of the mean of `values` (n,)."""
    rng = np.random.default_rng(seed)
    indices = rng.integers(0, len(values), size=(resamples, len(values)))  # (resamples, n)
    means = values[indices].mean(axis=1)  # (resamples,)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return float(low), float(high)

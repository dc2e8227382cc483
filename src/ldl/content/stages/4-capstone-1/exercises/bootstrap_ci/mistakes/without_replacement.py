"""You resampled without replacement (a permutation): every resample then holds exactly the same
values, so every resampled mean is the same and the interval collapses to a point. A bootstrap
draws n values *with* replacement: rng.integers(0, n, size=(resamples, n))."""

import numpy as np


def bootstrap_ci(values, resamples=2000, confidence=0.95, seed=0):
    rng = np.random.default_rng(seed)
    means = np.array([values[rng.permutation(len(values))].mean() for _ in range(resamples)])
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return float(low), float(high)

"""You took the percentiles of the values themselves, not of the resampled means: that describes
where one more value might fall, which is much wider than the uncertainty about the mean. Compute
the mean of each resample first, then the percentiles of those means."""

import numpy as np


def bootstrap_ci(values, resamples=2000, confidence=0.95, seed=0):
    alpha = 1 - confidence
    low, high = np.percentile(values, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return float(low), float(high)

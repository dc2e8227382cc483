"""You kept the values between the 25th and 75th percentiles. With ties, or percentiles that fall
between two values, that keeps a different number of values than the IQM's rule: drop exactly
int(0.25 * N) values at each end of the sorted scores."""

import numpy as np


def interquartile_mean(scores):
    pooled = np.asarray(scores, dtype=float).ravel()
    low, high = np.percentile(pooled, [25, 75])
    return float(pooled[(pooled >= low) & (pooled <= high)].mean())

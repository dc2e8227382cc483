"""You used the normal approximation, mean +- 1.96 * std / sqrt(n). It is a fine interval when n
is large and the data are not skewed, but it is not the bootstrap: resample the values and read
the percentiles of the resampled means."""

import numpy as np


def bootstrap_ci(values, resamples=2000, confidence=0.95, seed=0):
    half = 1.96 * values.std(ddof=1) / np.sqrt(len(values)) if len(values) > 1 else 0.0
    return float(values.mean() - half), float(values.mean() + half)

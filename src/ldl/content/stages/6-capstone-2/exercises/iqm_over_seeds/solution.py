"""Reference solution for iqm_over_seeds."""

import numpy as np


def interquartile_mean(scores):
    """The mean of the middle half of all scores pooled: sort, drop int(0.25 * N) at each end."""
    pooled = np.sort(np.asarray(scores, dtype=float).ravel())  # (N,)
    cut = int(0.25 * pooled.size)
    return float(pooled[cut : pooled.size - cut].mean())

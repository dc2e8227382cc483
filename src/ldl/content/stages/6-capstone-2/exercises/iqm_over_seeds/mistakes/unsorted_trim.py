"""You dropped the first and last quarter of the scores in the order they came, without sorting.
Trimming removes the smallest and the largest values, so sort first."""

import numpy as np


def interquartile_mean(scores):
    pooled = np.asarray(scores, dtype=float).ravel()
    cut = int(0.25 * pooled.size)
    return float(pooled[cut : pooled.size - cut].mean())

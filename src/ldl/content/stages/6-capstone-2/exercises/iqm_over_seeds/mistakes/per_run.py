"""You took an IQM of each run (row) and then averaged those. The IQM pools every score of every
run first, so that the trimming sees all of them: flatten, then trim."""

import numpy as np


def _iqm(values):
    values = np.sort(values)
    cut = int(0.25 * values.size)
    return values[cut : values.size - cut].mean()


def interquartile_mean(scores):
    scores = np.asarray(scores, dtype=float)
    if scores.ndim == 1:
        return float(_iqm(scores))
    return float(np.mean([_iqm(row) for row in scores]))

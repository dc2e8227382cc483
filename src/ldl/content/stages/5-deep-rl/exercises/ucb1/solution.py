"""Reference solution for ucb1."""

import math

import numpy as np


def ucb1_scores(value_sums, visit_counts, c=math.sqrt(2)):
    """Mean value plus exploration bonus; untried children score +inf."""
    w = np.asarray(value_sums, dtype=np.float64)
    n = np.asarray(visit_counts, dtype=np.float64)
    scores = np.full(n.shape, np.inf)
    tried = n > 0  # only these may be divided by
    total = n.sum()  # the parent's count N
    if tried.any():  # log(0) when nothing was tried: all +inf
        scores[tried] = w[tried] / n[tried] + c * np.sqrt(np.log(total) / n[tried])
    return scores


def ucb1_select(value_sums, visit_counts, c=math.sqrt(2)):
    """argmax of the scores (np.argmax keeps the first of ties)."""
    return int(np.argmax(ucb1_scores(value_sums, visit_counts, c)))

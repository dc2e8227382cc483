"""You divide by the visit counts of untried children too (0 / 0 and x / 0). Give them +inf without
dividing: fill the scores with np.inf and compute the formula only where n > 0."""

import math

import numpy as np


def ucb1_scores(value_sums, visit_counts, c=math.sqrt(2)):
    w, n = np.asarray(value_sums, float), np.asarray(visit_counts, float)
    total = max(n.sum(), 1.0)
    return w / n + c * np.sqrt(np.log(total) / n)


def ucb1_select(value_sums, visit_counts, c=math.sqrt(2)):
    return int(np.argmax(ucb1_scores(value_sums, visit_counts, c)))

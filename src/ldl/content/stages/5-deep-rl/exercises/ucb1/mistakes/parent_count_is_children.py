"""Your N is the number of children. It is the parent's visit count, the sum of the children's
counts: the bonus must grow as the parent is visited more."""

import math

import numpy as np


def ucb1_scores(value_sums, visit_counts, c=math.sqrt(2)):
    w, n = np.asarray(value_sums, float), np.asarray(visit_counts, float)
    scores = np.full(n.shape, np.inf)
    tried = n > 0
    scores[tried] = w[tried] / n[tried] + c * np.sqrt(np.log(len(n)) / n[tried])
    return scores


def ucb1_select(value_sums, visit_counts, c=math.sqrt(2)):
    return int(np.argmax(ucb1_scores(value_sums, visit_counts, c)))

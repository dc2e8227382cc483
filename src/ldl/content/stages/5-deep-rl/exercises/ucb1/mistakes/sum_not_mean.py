"""You use the children's value *sums* W as their value; the exploitation term is the mean W / n.
A sum favours children that were visited often, whatever they scored."""

import math

import numpy as np


def ucb1_scores(value_sums, visit_counts, c=math.sqrt(2)):
    w, n = np.asarray(value_sums, float), np.asarray(visit_counts, float)
    scores = np.full(n.shape, np.inf)
    tried = n > 0
    if tried.any():
        scores[tried] = w[tried] + c * np.sqrt(np.log(n.sum()) / n[tried])
    return scores


def ucb1_select(value_sums, visit_counts, c=math.sqrt(2)):
    return int(np.argmax(ucb1_scores(value_sums, visit_counts, c)))

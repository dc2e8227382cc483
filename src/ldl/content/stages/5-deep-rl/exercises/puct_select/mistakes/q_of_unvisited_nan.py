"""You compute Q = W / N for unvisited moves too: 0 / 0 is NaN (with a numpy warning), and NaN
poisons the argmax. Set Q = 0 where N = 0 and divide only where N > 0."""

import numpy as np


def puct_scores(priors, visit_counts, value_sums, legal, c_puct=1.25):
    p, n, w = (np.asarray(x, dtype=np.float64) for x in (priors, visit_counts, value_sums))
    q = w / n
    u = c_puct * p * np.sqrt(n.sum()) / (1.0 + n)
    return np.where(np.asarray(legal, dtype=bool), q + u, -np.inf)


def puct_select(priors, visit_counts, value_sums, legal, c_puct=1.25):
    return int(np.argmax(puct_scores(priors, visit_counts, value_sums, legal, c_puct)))

"""You score illegal moves like the others, so a move the rules forbid can be selected (here the
one with the largest prior). Set their score to -inf: `np.where(legal, q + u, -np.inf)`."""

import numpy as np


def puct_scores(priors, visit_counts, value_sums, legal, c_puct=1.25):
    p, n, w = (np.asarray(x, dtype=np.float64) for x in (priors, visit_counts, value_sums))
    q = np.zeros_like(n)
    q[n > 0] = w[n > 0] / n[n > 0]
    return q + c_puct * p * np.sqrt(n.sum()) / (1.0 + n)


def puct_select(priors, visit_counts, value_sums, legal, c_puct=1.25):
    return int(np.argmax(puct_scores(priors, visit_counts, value_sums, legal, c_puct)))

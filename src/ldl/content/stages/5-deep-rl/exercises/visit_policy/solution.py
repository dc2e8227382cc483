"""Reference solution for visit_policy."""

import numpy as np


def visit_policy(visit_counts, temperature=1.0):
    """Counts to probabilities; the largest count is divided out first so nothing overflows."""
    n = np.asarray(visit_counts, dtype=np.float64)
    if temperature == 0:
        best = (n == n.max()).astype(np.float64)  # the limit T -> 0: ties share equally
        return best / best.sum()
    p = (n / n.max()) ** (1.0 / temperature)  # same ratios as n ** (1/T), all in [0, 1]
    return p / p.sum()


def select_move(visit_counts, temperature, rng):
    """Sample one move from the tempered policy."""
    p = visit_policy(visit_counts, temperature)
    return int(rng.choice(len(p), p=p))

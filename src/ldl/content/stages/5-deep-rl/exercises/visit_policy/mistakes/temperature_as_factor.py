"""You multiply the counts by the temperature (or raise them to the power T). The temperature is
in the exponent as 1 / T: pi ~ N ** (1 / T), so T < 1 sharpens the policy and T > 1 flattens it."""

import numpy as np


def visit_policy(visit_counts, temperature=1.0):
    n = np.asarray(visit_counts, dtype=np.float64)
    if temperature == 0:
        best = (n == n.max()).astype(np.float64)
        return best / best.sum()
    p = (n / n.max()) ** temperature
    return p / p.sum()


def select_move(visit_counts, temperature, rng):
    p = visit_policy(visit_counts, temperature)
    return int(rng.choice(len(p), p=p))

"""Your select_move always plays the most visited move, whatever the temperature. At T > 0 the
move is *sampled*: rng.choice(len(p), p=p) with p = visit_policy(counts, T)."""

import numpy as np


def visit_policy(visit_counts, temperature=1.0):
    n = np.asarray(visit_counts, dtype=np.float64)
    if temperature == 0:
        best = (n == n.max()).astype(np.float64)
        return best / best.sum()
    p = (n / n.max()) ** (1.0 / temperature)
    return p / p.sum()


def select_move(visit_counts, temperature, rng):
    p = visit_policy(visit_counts, temperature)
    rng.choice(len(p), p=p)
    return int(np.argmax(p))

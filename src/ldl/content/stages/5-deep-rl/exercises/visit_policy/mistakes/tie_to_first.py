"""At T = 0 you put all the probability on the first most visited move. The limit T -> 0 shares
it equally among the moves that tie for the most visits; argmax alone breaks ties by position."""

import numpy as np


def visit_policy(visit_counts, temperature=1.0):
    n = np.asarray(visit_counts, dtype=np.float64)
    if temperature == 0:
        p = np.zeros_like(n)
        p[np.argmax(n)] = 1.0
        return p
    p = (n / n.max()) ** (1.0 / temperature)
    return p / p.sum()


def select_move(visit_counts, temperature, rng):
    p = visit_policy(visit_counts, temperature)
    return int(rng.choice(len(p), p=p))

"""Your priors are not renormalised over the legal moves: the probability the network put on
illegal moves is lost, so the result does not sum to 1. Divide the legal priors by their sum
before mixing in the noise."""

import numpy as np


def node_priors(priors, legal, rng, is_root, alpha=0.3, fraction=0.25):
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    if is_root:
        moves = np.flatnonzero(legal)
        p[moves] = (1.0 - fraction) * p[moves] + fraction * rng.dirichlet(np.full(len(moves), alpha))
    return p

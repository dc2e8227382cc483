"""You add noise at every node. Only the root's priors get noise (it varies the games that
self-play generates); deeper nodes keep the network's priors so the search stays sharp. Draw only
when `is_root` is True."""

import numpy as np


def node_priors(priors, legal, rng, is_root, alpha=0.3, fraction=0.25):
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    p = p / p.sum() if p.sum() > 0 else legal / legal.sum()
    moves = np.flatnonzero(legal)
    p[moves] = (1.0 - fraction) * p[moves] + fraction * rng.dirichlet(np.full(len(moves), alpha))
    return p

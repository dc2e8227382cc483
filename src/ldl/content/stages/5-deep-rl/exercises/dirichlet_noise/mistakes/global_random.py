"""You draw from numpy's global random state (np.random.dirichlet). Use the generator passed in,
`rng.dirichlet(...)`: that is what makes self-play games reproducible from their seed."""

import numpy as np


def node_priors(priors, legal, rng, is_root, alpha=0.3, fraction=0.25):
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    p = p / p.sum() if p.sum() > 0 else legal / legal.sum()
    if is_root:
        moves = np.flatnonzero(legal)
        p[moves] = (1.0 - fraction) * p[moves] + fraction * np.random.dirichlet(np.full(len(moves), alpha))
    return p

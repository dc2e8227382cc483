"""Reference solution for dirichlet_noise."""

import numpy as np


def node_priors(priors, legal, rng, is_root, alpha=0.3, fraction=0.25):
    """Renormalise over the legal moves; at the root only, mix in one Dirichlet sample."""
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    total = p.sum()
    p = p / total if total > 0 else legal / legal.sum()
    if is_root:
        moves = np.flatnonzero(legal)  # the noise is spread over legal moves only
        noise = rng.dirichlet(np.full(len(moves), alpha))  # (k,)
        p[moves] = (1.0 - fraction) * p[moves] + fraction * noise
    return p

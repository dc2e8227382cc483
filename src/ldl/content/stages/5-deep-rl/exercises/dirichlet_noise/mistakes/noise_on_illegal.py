"""Your noise is drawn over every action, illegal ones included: illegal moves get probability,
and the draw differs from the reference's. Draw the Dirichlet over the k legal moves only,
`rng.dirichlet(np.full(k, alpha))`, and leave illegal moves at 0."""

import numpy as np


def node_priors(priors, legal, rng, is_root, alpha=0.3, fraction=0.25):
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    p = p / p.sum() if p.sum() > 0 else legal / legal.sum()
    if is_root:
        p = (1.0 - fraction) * p + fraction * rng.dirichlet(np.full(len(p), alpha))
    return p

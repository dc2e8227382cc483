"""Dirichlet noise at the root, and only there. See statement.md."""

import numpy as np


def node_priors(
    priors: np.ndarray,
    legal: np.ndarray,
    rng: np.random.Generator,
    is_root: bool,
    alpha: float = 0.3,
    fraction: float = 0.25,
) -> np.ndarray:
    """Legal priors renormalised; at the root mixed as (1 - fraction) P + fraction Dir(alpha) over the
    legal moves (one rng.dirichlet draw). (A,) -> (A,) float64, illegal moves 0."""
    raise NotImplementedError

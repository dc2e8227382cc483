"""You divided by N − 1 (the unbiased estimate, `ddof=1`). Setting ∂ log L/∂σ² = 0 gives
σ̂² = (1/N) Σ (xₙ − μ̂)²: maximum likelihood divides by N."""

import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    return float(np.mean(x)), float(np.var(x, ddof=1))

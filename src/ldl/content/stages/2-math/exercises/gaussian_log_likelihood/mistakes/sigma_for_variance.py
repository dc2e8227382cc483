"""You used σ where the formula has σ² (or the other way round). The argument `sigma` is the
standard deviation; the density divides (x − μ)² by 2σ² and its constant is √(2πσ²)."""

import numpy as np


def gaussian_log_likelihood(x, mu, sigma):
    return float(-0.5 * len(x) * np.log(2 * np.pi * sigma) - np.sum((x - mu) ** 2) / (2 * sigma))

"""You returned the standard deviation σ̂; the exercise asks for the variance σ̂² (its square)."""

import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    return float(np.mean(x)), float(np.std(x))

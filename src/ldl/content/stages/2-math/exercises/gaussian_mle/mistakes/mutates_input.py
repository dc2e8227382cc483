"""Your estimates are right, but `x -= mu_hat` centres the caller's sample in place: after your call
their data is shifted (and an integer sample cannot even hold the fractions). Compute the
deviations into a new array: `np.mean((x - mu_hat) ** 2)`."""

import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    mu_hat = float(np.mean(x))
    x -= mu_hat
    return mu_hat, float(np.mean(x**2))

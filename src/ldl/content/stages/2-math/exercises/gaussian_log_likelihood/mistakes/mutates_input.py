"""Your log-likelihood is right, but `x -= mu` centres the caller's sample in place: after your
call their data is shifted. Compute the deviations into a new array: `(x - mu) ** 2`."""

import numpy as np


def gaussian_log_likelihood(x, mu, sigma):
    x -= mu
    return float(-0.5 * len(x) * np.log(2 * np.pi * sigma**2) - np.sum(x**2) / (2 * sigma**2))

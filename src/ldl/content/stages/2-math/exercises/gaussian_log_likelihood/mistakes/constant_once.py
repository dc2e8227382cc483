"""Your constant term is counted once, but every observation brings its own −½ log(2πσ²): for N
observations it is −(N/2) log(2πσ²)."""

import numpy as np


def gaussian_log_likelihood(x, mu, sigma):
    return float(-0.5 * np.log(2 * np.pi * sigma**2) - np.sum((x - mu) ** 2) / (2 * sigma**2))

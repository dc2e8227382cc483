"""Reference solution: the log-likelihood of a Gaussian sample."""

import numpy as np


def gaussian_log_likelihood(x: np.ndarray, mu: float, sigma: float) -> float:
    """Σₙ log N(xₙ | mu, sigma²) for a sample x of shape (N,); sigma is the standard deviation."""
    variance = sigma**2
    return float(-0.5 * len(x) * np.log(2 * np.pi * variance) - np.sum((x - mu) ** 2) / (2 * variance))

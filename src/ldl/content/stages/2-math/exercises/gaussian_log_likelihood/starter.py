"""The log-likelihood of a Gaussian sample. See statement.md."""

import numpy as np


def gaussian_log_likelihood(x: np.ndarray, mu: float, sigma: float) -> float:
    """Σₙ log N(xₙ | mu, sigma²) for a sample x of shape (N,); sigma is the standard deviation."""
    raise NotImplementedError

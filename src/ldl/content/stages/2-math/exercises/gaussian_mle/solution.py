"""Reference solution: maximum likelihood for a Bernoulli and a Gaussian."""

import numpy as np


def bernoulli_mle(x: np.ndarray) -> float:
    """The p maximising the likelihood of the 0/1 sample x (N,)."""
    return float(np.mean(x))  # Σx/p − (N − Σx)/(1 − p) = 0  ⇒  p = Σx / N


def gaussian_mle(x: np.ndarray) -> tuple[float, float]:
    """(mu_hat, var_hat) maximising the Gaussian likelihood of x (N,); var_hat is σ², not σ."""
    mu_hat = float(np.mean(x))
    var_hat = float(np.mean((x - mu_hat) ** 2))  # divide by N: the maximum, not the unbiased estimate
    return mu_hat, var_hat

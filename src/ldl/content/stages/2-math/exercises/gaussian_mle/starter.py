"""Maximum likelihood for a Bernoulli and a Gaussian. See statement.md."""

import numpy as np


def bernoulli_mle(x: np.ndarray) -> float:
    """The p maximising the likelihood of the 0/1 sample x (N,)."""
    raise NotImplementedError


def gaussian_mle(x: np.ndarray) -> tuple[float, float]:
    """(mu_hat, var_hat) maximising the Gaussian likelihood of x (N,); var_hat is σ², not σ."""
    raise NotImplementedError

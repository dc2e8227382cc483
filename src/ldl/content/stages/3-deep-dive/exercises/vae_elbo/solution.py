"""The VAE's loss (reference solution)."""

import numpy as np
from reparameterisation import gaussian_kl


def bernoulli_log_likelihood(logits, x) -> np.ndarray:
    per_pixel = x * logits - np.logaddexp(0.0, logits)  # x·l - softplus(l), never log(0)
    return per_pixel.reshape(len(per_pixel), -1).sum(axis=1)  # (N,)


def negative_elbo(logits, x, mu, logvar, beta: float = 1.0) -> float:
    return float(np.mean(-bernoulli_log_likelihood(logits, x) + beta * gaussian_kl(mu, logvar)))

"""You take np.log(sigmoid(l)) and np.log(1 - sigmoid(l)). For a confident decoder (l = ±800)
sigmoid(l) is exactly 0 or 1 in float64, the log is -inf and numpy warns. Use the identity
x·log σ(l) + (1 - x)·log(1 - σ(l)) = x·l - softplus(l), with softplus(l) = np.logaddexp(0, l)."""

import numpy as np
from reparameterisation import gaussian_kl


def bernoulli_log_likelihood(logits, x):
    p = 1.0 / (1.0 + np.exp(-np.clip(logits, -500, 500)))
    per_pixel = x * np.log(p) + (1 - x) * np.log(1 - p)
    return per_pixel.reshape(len(per_pixel), -1).sum(axis=1)


def negative_elbo(logits, x, mu, logvar, beta=1.0):
    return float(np.mean(-bernoulli_log_likelihood(logits, x) + beta * gaussian_kl(mu, logvar)))

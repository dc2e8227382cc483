"""Your negative ELBO ignores beta (the KL always has weight 1). The β-VAE weighs the KL by beta:
-log p(x | z) + beta · KL."""

import numpy as np
from reparameterisation import gaussian_kl


def bernoulli_log_likelihood(logits, x):
    per_pixel = x * logits - np.logaddexp(0.0, logits)
    return per_pixel.reshape(len(per_pixel), -1).sum(axis=1)


def negative_elbo(logits, x, mu, logvar, beta=1.0):
    return float(np.mean(-bernoulli_log_likelihood(logits, x) + gaussian_kl(mu, logvar)))

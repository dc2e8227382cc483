"""You subtract the KL. The ELBO is reconstruction MINUS KL, so the NEGATIVE ELBO (the loss to
minimise) is -log p(x | z) PLUS beta · KL: the KL is a penalty on codes that stray from the prior."""

import numpy as np
from reparameterisation import gaussian_kl


def bernoulli_log_likelihood(logits, x):
    per_pixel = x * logits - np.logaddexp(0.0, logits)
    return per_pixel.reshape(len(per_pixel), -1).sum(axis=1)


def negative_elbo(logits, x, mu, logvar, beta=1.0):
    return float(np.mean(-bernoulli_log_likelihood(logits, x) - beta * gaussian_kl(mu, logvar)))

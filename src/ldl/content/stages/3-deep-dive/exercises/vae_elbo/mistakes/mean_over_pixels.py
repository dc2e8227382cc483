"""You average the log-likelihood over the pixels. The likelihood of an image is the product over its
pixels, so its log is the SUM; a mean divides the reconstruction term by 784 and the KL then
dominates the loss (the VAE's samples come out as blurry averages)."""

import numpy as np
from reparameterisation import gaussian_kl


def bernoulli_log_likelihood(logits, x):
    per_pixel = x * logits - np.logaddexp(0.0, logits)
    return per_pixel.reshape(len(per_pixel), -1).mean(axis=1)


def negative_elbo(logits, x, mu, logvar, beta=1.0):
    return float(np.mean(-bernoulli_log_likelihood(logits, x) + beta * gaussian_kl(mu, logvar)))

"""You draw fresh noise with np.random inside the function. The noise is an argument on purpose: it
makes the sample a deterministic function of (mu, logvar, eps), which is the whole trick, and lets
the caller seed and reuse it. Use the eps you are given."""

import numpy as np


def sample_latent(mu, logvar, eps):
    return mu + np.exp(0.5 * logvar) * np.random.standard_normal(mu.shape)


def sample_latent_backward(mu, logvar, eps, grad_z):
    return grad_z.copy(), grad_z * 0.5 * np.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=-1)

"""Your KL leaves out the -1 (or the log σ² term): then the prior itself, mu = 0 and logvar = 0, gets
a KL of D/2 instead of 0. Per dimension the KL to N(0, 1) is ½ (σ² + μ² - 1 - log σ²)."""

import numpy as np


def sample_latent(mu, logvar, eps):
    return mu + np.exp(0.5 * logvar) * eps


def sample_latent_backward(mu, logvar, eps, grad_z):
    return grad_z.copy(), grad_z * 0.5 * np.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(np.exp(logvar) + mu**2 - logvar, axis=-1)

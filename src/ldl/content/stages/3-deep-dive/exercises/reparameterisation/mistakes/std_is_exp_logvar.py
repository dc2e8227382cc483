"""You used exp(logvar) as the standard deviation. logvar is log σ², so exp(logvar) is the variance;
the standard deviation is σ = exp(logvar / 2). With logvar = 3 the two differ by a factor of 4.5."""

import numpy as np


def sample_latent(mu, logvar, eps):
    return mu + np.exp(logvar) * eps


def sample_latent_backward(mu, logvar, eps, grad_z):
    return grad_z.copy(), grad_z * np.exp(logvar) * eps


def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=-1)

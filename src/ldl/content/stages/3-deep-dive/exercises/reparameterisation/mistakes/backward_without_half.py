"""Your grad_logvar misses the factor ½: σ = exp(logvar / 2), so dσ/dlogvar = ½ exp(logvar / 2) and
grad_logvar = grad_z ⊙ eps ⊙ ½ exp(logvar / 2)."""

import numpy as np


def sample_latent(mu, logvar, eps):
    return mu + np.exp(0.5 * logvar) * eps


def sample_latent_backward(mu, logvar, eps, grad_z):
    return grad_z.copy(), grad_z * np.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=-1)

"""The reparameterisation trick and the KL to the prior (reference solution)."""

import numpy as np


def sample_latent(mu, logvar, eps) -> np.ndarray:
    return mu + np.exp(0.5 * logvar) * eps  # (N, D); the randomness is all in eps


def sample_latent_backward(mu, logvar, eps, grad_z):
    return grad_z.copy(), grad_z * 0.5 * np.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar) -> np.ndarray:
    return 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=-1)  # (N,)

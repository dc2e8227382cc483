"""The reparameterisation trick and the KL to the prior. See statement.md."""

import numpy as np


def sample_latent(mu, logvar, eps) -> np.ndarray:
    """z = mu + exp(logvar / 2) * eps, shape (N, D)."""
    raise NotImplementedError


def sample_latent_backward(mu, logvar, eps, grad_z):
    """(grad_mu, grad_logvar) of sum(grad_z * sample_latent(mu, logvar, eps))."""
    raise NotImplementedError


def gaussian_kl(mu, logvar) -> np.ndarray:
    """KL(N(mu, exp(logvar)) || N(0, I)) per example, shape (N,)."""
    raise NotImplementedError

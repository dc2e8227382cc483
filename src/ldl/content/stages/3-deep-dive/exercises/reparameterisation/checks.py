"""Checks for reparameterisation: sample_latent on (4, 3) and (1, 2) inputs with given noise, with
logvar far from 0 (where exp(logvar) and exp(logvar / 2) differ a lot); its backward; gaussian_kl for
the prior itself (exactly 0), a shifted mean, a narrow and a wide posterior. Arguments must come back
unchanged, and the global random state must not be touched (the noise is an argument)."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(37)
    mu, logvar, eps = rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    wide = np.array([[3.0, -2.0]])
    return [
        Case("sample, (4, 3)", call="sample_latent", args=(mu, logvar, eps)),
        Case("sample, logvar = ±3", call="sample_latent", args=(np.zeros((1, 2)), wide, np.ones((1, 2)))),
        Case(
            "backward, (4, 3)", call="sample_latent_backward", args=(mu, logvar, eps, rng.normal(size=(4, 3)))
        ),
        Case(
            "backward, logvar = ±3",
            call="sample_latent_backward",
            args=(np.zeros((1, 2)), wide, np.array([[0.5, -1.5]]), np.ones((1, 2))),
        ),
        Case("KL of the prior itself", call="gaussian_kl", args=(np.zeros((2, 4)), np.zeros((2, 4)))),
        Case("KL, shifted mean", call="gaussian_kl", args=(np.array([[1.0, -2.0]]), np.zeros((1, 2)))),
        Case("KL, narrow and wide posteriors", call="gaussian_kl", args=(np.zeros((1, 2)), wide)),
        Case("KL, (4, 3)", call="gaussian_kl", args=(mu, logvar)),
    ]

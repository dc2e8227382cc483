"""GAN losses from logits (reference solution)."""

import numpy as np


def _softplus(u):
    return np.logaddexp(0.0, u)  # log(1 + e^u), no overflow


def _sigmoid(u):
    return 0.5 * (1.0 + np.tanh(0.5 * u))


def discriminator_loss(real_logits, fake_logits) -> float:
    return float(np.mean(_softplus(-real_logits)) + np.mean(_softplus(fake_logits)))


def generator_loss(fake_logits, saturating: bool = False) -> float:
    if saturating:
        return float(-np.mean(_softplus(fake_logits)))  # mean log(1 - sigmoid(l))
    return float(np.mean(_softplus(-fake_logits)))  # mean -log sigmoid(l)


def generator_loss_grad(fake_logits, saturating: bool = False) -> np.ndarray:
    n = len(fake_logits)
    if saturating:
        return -_sigmoid(fake_logits) / n  # vanishes when D rejects the fakes (l << 0)
    return -(1.0 - _sigmoid(fake_logits)) / n

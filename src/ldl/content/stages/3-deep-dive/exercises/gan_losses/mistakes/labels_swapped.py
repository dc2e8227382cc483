"""Your discriminator loss labels the fakes as real and the real images as fake: it rewards D for
being wrong. D should push real logits up, -log σ(l_real) = softplus(-l_real), and fake logits down,
-log(1 - σ(l_fake)) = softplus(l_fake)."""

import numpy as np


def discriminator_loss(real_logits, fake_logits):
    return float(np.mean(np.logaddexp(0.0, real_logits)) + np.mean(np.logaddexp(0.0, -fake_logits)))


def generator_loss(fake_logits, saturating=False):
    if saturating:
        return float(-np.mean(np.logaddexp(0.0, fake_logits)))
    return float(np.mean(np.logaddexp(0.0, -fake_logits)))


def generator_loss_grad(fake_logits, saturating=False):
    s = 0.5 * (1.0 + np.tanh(0.5 * fake_logits))
    return -s / len(fake_logits) if saturating else -(1.0 - s) / len(fake_logits)

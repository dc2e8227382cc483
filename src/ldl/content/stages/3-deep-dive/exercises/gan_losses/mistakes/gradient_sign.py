"""Your generator gradient has the wrong sign. Raising a fake's logit (making D believe it) lowers the
non-saturating loss mean softplus(-l), so its derivative is negative: -(1 - σ(l)) / N. The saturating
loss -mean softplus(l) also decreases as l rises: -σ(l) / N."""

import numpy as np


def discriminator_loss(real_logits, fake_logits):
    return float(np.mean(np.logaddexp(0.0, -real_logits)) + np.mean(np.logaddexp(0.0, fake_logits)))


def generator_loss(fake_logits, saturating=False):
    if saturating:
        return float(-np.mean(np.logaddexp(0.0, fake_logits)))
    return float(np.mean(np.logaddexp(0.0, -fake_logits)))


def generator_loss_grad(fake_logits, saturating=False):
    s = 0.5 * (1.0 + np.tanh(0.5 * fake_logits))
    return s / len(fake_logits) if saturating else (1.0 - s) / len(fake_logits)

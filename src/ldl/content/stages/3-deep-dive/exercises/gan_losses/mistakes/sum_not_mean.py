"""Your losses (and gradients) sum over the batch instead of averaging: the loss then grows with the
batch size, and with 8 real and 5 fake images the two halves of the discriminator loss are weighted
8 : 5. Average each term over its own batch; the gradient of a mean over N carries a 1/N."""

import numpy as np


def discriminator_loss(real_logits, fake_logits):
    return float(np.sum(np.logaddexp(0.0, -real_logits)) + np.sum(np.logaddexp(0.0, fake_logits)))


def generator_loss(fake_logits, saturating=False):
    if saturating:
        return float(-np.sum(np.logaddexp(0.0, fake_logits)))
    return float(np.sum(np.logaddexp(0.0, -fake_logits)))


def generator_loss_grad(fake_logits, saturating=False):
    s = 0.5 * (1.0 + np.tanh(0.5 * fake_logits))
    return -s if saturating else -(1.0 - s)

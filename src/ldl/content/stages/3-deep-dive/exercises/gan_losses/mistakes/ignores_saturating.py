"""Your generator loss ignores saturating=True and always returns the non-saturating loss. Keep both:
the saturating one, mean log(1 - σ(l)) = -mean softplus(l), is what the minimax game says, and
comparing its gradient with the non-saturating one's is the point of the exercise."""

import numpy as np


def discriminator_loss(real_logits, fake_logits):
    return float(np.mean(np.logaddexp(0.0, -real_logits)) + np.mean(np.logaddexp(0.0, fake_logits)))


def generator_loss(fake_logits, saturating=False):
    return float(np.mean(np.logaddexp(0.0, -fake_logits)))


def generator_loss_grad(fake_logits, saturating=False):
    s = 0.5 * (1.0 + np.tanh(0.5 * fake_logits))
    return -(1.0 - s) / len(fake_logits)

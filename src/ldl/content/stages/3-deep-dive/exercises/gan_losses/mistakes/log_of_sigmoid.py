"""You compute np.log(sigmoid(l)) and np.log(1 - sigmoid(l)). For a discriminator that is sure
(l = ±1000), sigmoid is exactly 0 or 1 and the log is -inf (numpy warns). Write every term as a
softplus of the logits: -log σ(l) = softplus(-l), -log(1 - σ(l)) = softplus(l), where
softplus(u) = np.logaddexp(0, u)."""

import numpy as np


def _sigmoid(u):
    return 1.0 / (1.0 + np.exp(-np.clip(u, -700, 700)))


def discriminator_loss(real_logits, fake_logits):
    return float(-np.mean(np.log(_sigmoid(real_logits))) - np.mean(np.log(1 - _sigmoid(fake_logits))))


def generator_loss(fake_logits, saturating=False):
    if saturating:
        return float(np.mean(np.log(1 - _sigmoid(fake_logits))))
    return float(-np.mean(np.log(_sigmoid(fake_logits))))


def generator_loss_grad(fake_logits, saturating=False):
    n = len(fake_logits)
    return -_sigmoid(fake_logits) / n if saturating else -(1.0 - _sigmoid(fake_logits)) / n

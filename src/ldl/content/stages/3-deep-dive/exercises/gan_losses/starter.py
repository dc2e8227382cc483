"""GAN losses from logits. See statement.md."""

import numpy as np


def discriminator_loss(real_logits, fake_logits) -> float:
    """mean(-log sigmoid(real)) + mean(-log(1 - sigmoid(fake))), computed stably."""
    raise NotImplementedError


def generator_loss(fake_logits, saturating: bool = False) -> float:
    """Non-saturating: mean(-log sigmoid(fake)). Saturating: mean(log(1 - sigmoid(fake)))."""
    raise NotImplementedError


def generator_loss_grad(fake_logits, saturating: bool = False) -> np.ndarray:
    """d generator_loss / d fake_logits, same shape as fake_logits."""
    raise NotImplementedError

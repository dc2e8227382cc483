"""Choosing a learning rate from a learning-rate finder curve. See statement.md (`ldl` shows it)."""

import numpy as np


def suggest_lr(lrs: np.ndarray, losses: np.ndarray) -> float:
    """A learning rate on the falling part of the curve, well before the minimum.

    lrs: (K,) increasing learning rates, log-spaced; losses: (K,) smoothed losses at them.
    """
    raise NotImplementedError

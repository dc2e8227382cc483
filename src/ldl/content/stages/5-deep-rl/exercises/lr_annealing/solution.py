"""Reference solution for lr_annealing."""

import numpy as np


def annealed_lr(update, num_updates, base_lr, min_lr=0.0):
    """max((1 - (update - 1) / num_updates) * base_lr, min_lr), the fraction clamped at 0."""
    frac = max(1.0 - (update - 1) / num_updates, 0.0)
    return float(max(frac * base_lr, min_lr))


def lr_schedule(num_updates, base_lr, min_lr=0.0):
    """The rates of updates 1..num_updates, float64 (num_updates,)."""
    frac = 1.0 - np.arange(num_updates) / num_updates  # update - 1 = 0 .. num_updates - 1
    return np.maximum(frac * base_lr, min_lr)

"""You ignore `min_lr`: the rate must never fall below the floor the caller asked for."""

import numpy as np


def annealed_lr(update, num_updates, base_lr, min_lr=0.0):
    return float(max(1.0 - (update - 1) / num_updates, 0.0) * base_lr)


def lr_schedule(num_updates, base_lr, min_lr=0.0):
    return (1.0 - np.arange(num_updates) / num_updates) * base_lr

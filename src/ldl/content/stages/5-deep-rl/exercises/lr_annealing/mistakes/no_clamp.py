"""Past num_updates your rate goes negative (a negative learning rate climbs the loss). Clamp the
fraction at 0 and floor the rate at min_lr."""

import numpy as np


def annealed_lr(update, num_updates, base_lr, min_lr=0.0):
    return float((1.0 - (update - 1) / num_updates) * base_lr)


def lr_schedule(num_updates, base_lr, min_lr=0.0):
    return (1.0 - np.arange(num_updates) / num_updates) * base_lr

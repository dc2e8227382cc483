"""Your schedule reaches exactly 0 on the last update, which wastes that update's rollout. Count
updates from 1: frac = 1 - (update - 1) / num_updates, so the last rate is base_lr / num_updates."""

import numpy as np


def annealed_lr(update, num_updates, base_lr, min_lr=0.0):
    frac = max(1.0 - update / num_updates, 0.0)
    return float(max(frac * base_lr, min_lr))


def lr_schedule(num_updates, base_lr, min_lr=0.0):
    return np.maximum((1.0 - np.arange(1, num_updates + 1) / num_updates) * base_lr, min_lr)

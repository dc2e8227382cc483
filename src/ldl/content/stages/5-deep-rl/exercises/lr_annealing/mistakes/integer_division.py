"""`(update - 1) // num_updates` is integer division: it is 0 for every update but the last, so
your rate never decays. Use true division (/)."""

import numpy as np


def annealed_lr(update, num_updates, base_lr, min_lr=0.0):
    frac = max(1 - (update - 1) // num_updates, 0)
    return float(max(frac * base_lr, min_lr))


def lr_schedule(num_updates, base_lr, min_lr=0.0):
    frac = 1 - np.arange(num_updates) // num_updates
    return np.maximum(frac * base_lr, min_lr).astype(np.float64)

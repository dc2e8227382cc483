"""Your choice of learning rate is sensible, but you smoothed the caller's `losses` in place
(`losses[1:-1] = ...`): after your call their recorded curve has changed. Smooth into a new array
(`smoothed = np.convolve(losses, np.ones(3) / 3, mode="same")`) or work on `losses.copy()`."""

import numpy as np


def suggest_lr(lrs, losses):
    losses[1:-1] = (losses[:-2] + losses[1:-1] + losses[2:]) / 3
    return float(lrs[np.argmin(losses)] / 10)

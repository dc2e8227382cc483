"""Your validation and test sets overlap: both were cut from the start of the same shuffled order
(`order[:n_valid]` and `order[:n_test]`), so some images are in both, and the training set is
missing others. Cut one shuffled order into three consecutive pieces: test, then validation
right after it, then the rest for training."""

import numpy as np


def train_valid_test_split(n, valid_fraction, test_fraction, seed):
    order = np.random.default_rng(seed).permutation(n)
    n_valid, n_test = round(n * valid_fraction), round(n * test_fraction)
    valid, test, train = order[:n_valid], order[:n_test], order[n_valid:]
    return np.sort(train), np.sort(valid), np.sort(test)

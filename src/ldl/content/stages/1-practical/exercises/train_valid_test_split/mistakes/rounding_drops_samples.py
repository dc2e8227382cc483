"""Some positions are in no set at all: you truncated all three sizes (`int(n * fraction)`), and
when n times a fraction is not a whole number the three pieces add up to less than n. Round the
validation and test sizes, and give the training set everything that is left
(`n - n_valid - n_test`)."""

import numpy as np


def train_valid_test_split(n, valid_fraction, test_fraction, seed):
    order = np.random.default_rng(seed).permutation(n)
    n_train = int(n * (1 - valid_fraction - test_fraction))
    n_valid, n_test = int(n * valid_fraction), int(n * test_fraction)
    train = order[:n_train]
    valid = order[n_train : n_train + n_valid]
    test = order[n_train + n_valid : n_train + n_valid + n_test]
    return np.sort(train), np.sort(valid), np.sort(test)

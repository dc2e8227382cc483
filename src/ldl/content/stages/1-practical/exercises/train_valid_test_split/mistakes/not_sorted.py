"""The three sets are right, but in shuffled order. Sort each array (`np.sort`) before returning
it: sorted indices are easier to read, and they keep the images in their original order when you
slice a dataset with them."""

import numpy as np


def train_valid_test_split(n, valid_fraction, test_fraction, seed):
    order = np.random.default_rng(seed).permutation(n)
    n_valid, n_test = round(n * valid_fraction), round(n * test_fraction)
    return order[n_test + n_valid :], order[n_test : n_test + n_valid], order[:n_test]

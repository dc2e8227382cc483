"""You seeded numpy's global random state (`np.random.seed`) and shuffled with it. That changes the
random numbers of every other piece of code in the program, and your split now depends on the
global state rather than on `seed` alone. Make a generator of your own:
`rng = np.random.default_rng(seed)`, then `rng.permutation(n)`."""

import numpy as np


def train_valid_test_split(n, valid_fraction, test_fraction, seed):
    np.random.seed(seed)
    order = np.random.permutation(n)
    n_valid, n_test = round(n * valid_fraction), round(n * test_fraction)
    test, valid, train = order[:n_test], order[n_test : n_test + n_valid], order[n_test + n_valid :]
    return np.sort(train), np.sort(valid), np.sort(test)

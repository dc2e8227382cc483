"""Reference solution for train_valid_test_split."""

import numpy as np


def train_valid_test_split(
    n: int, valid_fraction: float, test_fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle range(n) once with a generator of our own, then cut it into three pieces."""
    order = np.random.default_rng(seed).permutation(n)  # (n,)
    n_valid, n_test = round(n * valid_fraction), round(n * test_fraction)
    test, valid, train = order[:n_test], order[n_test : n_test + n_valid], order[n_test + n_valid :]
    return np.sort(train), np.sort(valid), np.sort(test)

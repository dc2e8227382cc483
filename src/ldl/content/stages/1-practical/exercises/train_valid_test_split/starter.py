"""Splitting a dataset into training, validation and test sets. See statement.md (`ldl` shows it)."""

import numpy as np


def train_valid_test_split(
    n: int, valid_fraction: float, test_fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Disjoint, sorted index arrays (train, valid, test) that together hold range(n) once each.

    valid and test hold round(n * fraction) positions; train all the rest. Random, from `seed` only.
    """
    raise NotImplementedError

"""A split without leakage (by group and by time). See statement.md."""

import numpy as np


def group_time_split(times: np.ndarray, groups: np.ndarray, test_fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """(train_indices, test_indices): the groups that start last form the test set.

    times: (n,) numbers; groups: (n,) integer ids. The last ceil(test_fraction * n_groups)
    groups by start time (ties by id), at least one, are the test set; int64 indices, ascending.
    """
    raise NotImplementedError

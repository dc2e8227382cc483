"""Reference solution for leakage_free_split."""

import math

import numpy as np


def group_time_split(times, groups, test_fraction):
    """(train_indices, test_indices): the groups that start last form the test set."""
    ids = np.unique(groups)  # (g,) sorted ids
    starts = np.array([times[groups == group].min() for group in ids])  # (g,)
    order = np.lexsort((ids, starts))  # by start, then by id
    n_test = max(1, math.ceil(test_fraction * len(ids)))
    test = np.isin(groups, ids[order][-n_test:])  # (n,) bool
    return np.flatnonzero(~test).astype(np.int64), np.flatnonzero(test).astype(np.int64)

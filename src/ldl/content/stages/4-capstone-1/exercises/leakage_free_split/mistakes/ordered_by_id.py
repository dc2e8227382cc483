"""You ordered the groups by their id, not by their start time. Ids are labels; nothing says a
larger id came later. Order the groups by the earliest time among their rows (ties by id)."""

import math

import numpy as np


def group_time_split(times, groups, test_fraction):
    ids = np.unique(groups)
    n_test = max(1, math.ceil(test_fraction * len(ids)))
    test = np.isin(groups, ids[-n_test:])
    return np.flatnonzero(~test).astype(np.int64), np.flatnonzero(test).astype(np.int64)

"""You ordered the groups by their *latest* row. A group belongs to the time it starts: a user
who joined early and is still active would otherwise land in the test set although the model
trained on their contemporaries. Order by the earliest time of each group."""

import math

import numpy as np


def group_time_split(times, groups, test_fraction):
    ids = np.unique(groups)
    ends = np.array([times[groups == group].max() for group in ids])
    order = np.lexsort((ids, ends))
    n_test = max(1, math.ceil(test_fraction * len(ids)))
    test = np.isin(groups, ids[order][-n_test:])
    return np.flatnonzero(~test).astype(np.int64), np.flatnonzero(test).astype(np.int64)

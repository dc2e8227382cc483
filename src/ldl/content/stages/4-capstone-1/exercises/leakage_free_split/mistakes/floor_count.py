"""You rounded the number of test groups down (int(...)) and allowed zero: ask for ceil(fraction x
groups), and at least one group, so that a small fraction still leaves a test set."""

import numpy as np


def group_time_split(times, groups, test_fraction):
    ids = np.unique(groups)
    starts = np.array([times[groups == group].min() for group in ids])
    order = np.lexsort((ids, starts))
    n_test = int(test_fraction * len(ids))
    tail = ids[order][len(ids) - n_test :]
    test = np.isin(groups, tail)
    return np.flatnonzero(~test).astype(np.int64), np.flatnonzero(test).astype(np.int64)

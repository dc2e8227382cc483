"""Rows dated exactly on the cutoff went to training (you compared with `<=`, or took `> cutoff`
for validation). The cutoff date is the first validation date: train on `date < cutoff`,
validate on `date >= cutoff`."""

import numpy as np


def time_based_split(dates, valid_fraction):
    dates = np.asarray(dates)
    order = np.argsort(dates, kind="stable").astype(np.int64)
    n_train = len(dates) - round(valid_fraction * len(dates))
    if n_train == len(dates):
        return order, np.empty(0, dtype=np.int64)
    cutoff = dates[order[n_train]]
    before = dates[order] <= cutoff
    return order[before], order[~before]

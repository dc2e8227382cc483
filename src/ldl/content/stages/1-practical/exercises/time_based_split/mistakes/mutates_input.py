"""You sorted `dates` in place (`dates.sort()`), so the caller's column of sale dates came back
reordered and no longer lines up with the other columns of the table. Sort a copy, or better,
sort positions with `np.argsort` and index: `dates[order]`."""

import numpy as np


def time_based_split(dates, valid_fraction):
    order = np.argsort(dates, kind="stable").astype(np.int64)
    n_train = len(dates) - round(valid_fraction * len(dates))
    if n_train == len(dates):
        return order, np.empty(0, dtype=np.int64)
    dates.sort()  # now dates[i] is the i-th oldest date
    before = dates < dates[n_train]
    return order[before], order[~before]

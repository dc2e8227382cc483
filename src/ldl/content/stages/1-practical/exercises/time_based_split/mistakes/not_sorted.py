"""You took the last rows of the table as it came, but the rows are not in date order. Sort the
row positions by date first (`np.argsort(dates, kind="stable")`), then find the cutoff date."""

import numpy as np


def time_based_split(dates, valid_fraction):
    dates = np.asarray(dates)
    order = np.arange(len(dates), dtype=np.int64)
    n_train = len(dates) - round(valid_fraction * len(dates))
    return order[:n_train], order[n_train:]

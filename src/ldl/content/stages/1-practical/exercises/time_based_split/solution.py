"""Reference solution for time_based_split."""

import numpy as np


def time_based_split(dates, valid_fraction):
    """(train_index, valid_index), int64, in date order: valid = every row dated >= the cutoff,
    the date at sorted position N - round(valid_fraction * N)."""
    dates = np.asarray(dates)
    order = np.argsort(dates, kind="stable").astype(np.int64)  # (N,) oldest first
    n_train = len(dates) - round(valid_fraction * len(dates))
    if n_train == len(dates):
        return order, np.empty(0, dtype=np.int64)
    cutoff = dates[order[n_train]]
    before = dates[order] < cutoff  # (N,) True for training rows; a whole month stays together
    return order[before], order[~before]

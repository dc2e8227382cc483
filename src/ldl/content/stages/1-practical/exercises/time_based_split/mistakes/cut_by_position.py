"""You cut the sorted rows at position n_train, so the cutoff month is split: some of its sales
train the model and the rest validate it. Make the cutoff a date: every row dated on or after
`dates[order[n_train]]` belongs to validation, however many there are."""

import numpy as np


def time_based_split(dates, valid_fraction):
    dates = np.asarray(dates)
    order = np.argsort(dates, kind="stable").astype(np.int64)
    n_train = len(dates) - round(valid_fraction * len(dates))
    return order[:n_train], order[n_train:]

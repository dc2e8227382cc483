"""Split sales by time, the latest to validation. See statement.md (`ldl` shows it)."""

import numpy as np


def time_based_split(dates: np.ndarray, valid_fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """(train_index, valid_index), int64, in date order: valid = every row dated >= the cutoff,
    the date at sorted position N - round(valid_fraction * N)."""
    raise NotImplementedError

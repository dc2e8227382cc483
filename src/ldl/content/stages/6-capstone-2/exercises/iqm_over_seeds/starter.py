"""The interquartile mean over seeds. See statement.md."""

import numpy as np


def interquartile_mean(scores: np.ndarray) -> float:
    """The mean of the middle half of all scores pooled: sort, drop int(0.25 * N) at each end."""
    raise NotImplementedError

"""Permutation importance of every column of a validation set. See statement.md (`ldl` shows it)."""

import numpy as np


def permutation_importance(predict, X: np.ndarray, y: np.ndarray, rng: np.random.Generator, n_repeats: int = 1):
    """(F,) mean increase in RMSE when column j of a copy of X (N, F) is shuffled with
    rng.permutation(N), one permutation per (column, repeat), columns in order."""
    raise NotImplementedError

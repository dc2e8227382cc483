"""Reference solution for permutation_importance."""

import numpy as np


def rmse(predicted, y):
    """sqrt(mean((predicted - y)^2))."""
    return float(np.sqrt(np.mean((predicted - y) ** 2)))


def permutation_importance(predict, X, y, rng, n_repeats=1):
    """(F,) mean increase in RMSE when column j of a copy of X (N, F) is shuffled with
    rng.permutation(N), one permutation per (column, repeat), columns in order."""
    n, features = X.shape
    baseline = rmse(predict(X), y)
    increases = np.zeros((features, n_repeats))  # (F, R)
    for j in range(features):
        for r in range(n_repeats):
            shuffled = X.copy()  # X itself stays intact for the next column
            shuffled[:, j] = X[rng.permutation(n), j]
            increases[j, r] = rmse(predict(shuffled), y) - baseline
    return increases.mean(axis=1)

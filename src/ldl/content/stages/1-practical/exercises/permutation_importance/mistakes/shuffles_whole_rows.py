"""You permuted whole rows of X (every column together) instead of one column. That breaks the
link between all inputs and y at once, so every column gets the same importance. Shuffle only
column j: `shuffled[:, j] = X[rng.permutation(N), j]`."""

import numpy as np


def permutation_importance(predict, X, y, rng, n_repeats=1):
    baseline = float(np.sqrt(np.mean((predict(X) - y) ** 2)))
    increases = np.zeros((X.shape[1], n_repeats))
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            shuffled = X[rng.permutation(len(X))]
            increases[j, r] = float(np.sqrt(np.mean((predict(shuffled) - y) ** 2))) - baseline
    return increases.mean(axis=1)

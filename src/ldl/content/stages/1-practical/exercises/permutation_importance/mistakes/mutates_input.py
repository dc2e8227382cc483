"""You shuffled column j of X itself and never put it back, so the next column was scored on data
that was already scrambled (and the caller's X came back changed). Shuffle a copy:
`shuffled = X.copy()`, then `shuffled[:, j] = X[rng.permutation(N), j]`."""

import numpy as np


def permutation_importance(predict, X, y, rng, n_repeats=1):
    baseline = float(np.sqrt(np.mean((predict(X) - y) ** 2)))
    increases = np.zeros((X.shape[1], n_repeats))
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            X[:, j] = X[rng.permutation(len(X)), j]
            increases[j, r] = float(np.sqrt(np.mean((predict(X) - y) ** 2))) - baseline
    return increases.mean(axis=1)

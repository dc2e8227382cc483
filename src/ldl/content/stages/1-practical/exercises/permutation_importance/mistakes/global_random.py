"""You drew the permutations from numpy's global random state (`np.random.permutation`), not from
the generator passed in, so nobody can reproduce your numbers by passing the same seed. Call
`rng.permutation(N)`."""

import numpy as np


def permutation_importance(predict, X, y, rng, n_repeats=1):
    baseline = float(np.sqrt(np.mean((predict(X) - y) ** 2)))
    increases = np.zeros((X.shape[1], n_repeats))
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            shuffled = X.copy()
            shuffled[:, j] = X[np.random.permutation(len(X)), j]
            increases[j, r] = float(np.sqrt(np.mean((predict(shuffled) - y) ** 2))) - baseline
    return increases.mean(axis=1)

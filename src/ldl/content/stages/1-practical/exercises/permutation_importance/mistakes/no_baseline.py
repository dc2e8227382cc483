"""You returned the RMSE of the shuffled data itself. Importance is how much worse the model gets:
subtract the RMSE on the untouched X, so a column the model ignores scores exactly 0."""

import numpy as np


def permutation_importance(predict, X, y, rng, n_repeats=1):
    scores = np.zeros((X.shape[1], n_repeats))
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            shuffled = X.copy()
            shuffled[:, j] = X[rng.permutation(len(X)), j]
            scores[j, r] = float(np.sqrt(np.mean((predict(shuffled) - y) ** 2)))
    return scores.mean(axis=1)

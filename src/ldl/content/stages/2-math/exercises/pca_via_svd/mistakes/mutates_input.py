"""Your components are right, but `X -= X.mean(axis=0)` centres the caller's data in place: after
your call their data set has moved (and integer data cannot even hold the fractions). Centre into
a new array: `Xc = X - X.mean(axis=0)`."""

import numpy as np


def pca(X, k):
    X -= X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X, full_matrices=False)
    components = Vt[:k]
    return {
        "components": components,
        "projected": X @ components.T,
        "explained_variance": S[:k] ** 2 / len(X),
    }

"""Your explained variances divide by N − 1. The statement defines them as the variance of the
projections, Σ (projection)² / N = S² / N: divide the squared singular values by N."""

import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    components = Vt[:k]
    return {
        "components": components,
        "projected": Xc @ components.T,
        "explained_variance": S[:k] ** 2 / (len(X) - 1),
    }

"""You took the principal directions from U. With Xc = U S Vᵀ and one example per row of Xc, the
directions in feature space are the rows of Vᵀ (length d); U's columns are per-example (length N)."""

import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    U, S, _ = np.linalg.svd(Xc, full_matrices=False)
    return {
        "components": U[:, :k].T,
        "projected": U[:, :k] * S[:k],
        "explained_variance": S[:k] ** 2 / len(X),
    }

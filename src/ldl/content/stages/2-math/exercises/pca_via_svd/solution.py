"""Reference solution: PCA via the SVD."""

import numpy as np


def pca(X: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """The top k principal components of X (N, d): components (k, d), projected (N, k),
    explained_variance (k,)."""
    Xc = X - X.mean(axis=0)  # (N, d), each feature now has mean 0
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)  # S sorted, largest first; Vt (min(N, d), d)
    components = Vt[:k]  # (k, d)
    return {
        "components": components,
        "projected": Xc @ components.T,  # (N, k)
        "explained_variance": S[:k] ** 2 / len(X),
    }

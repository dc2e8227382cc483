"""You skipped centering. PCA measures variation around the mean, so subtract each column's mean
before the SVD; otherwise the first component mostly points from the origin to the data's mean."""

import numpy as np


def pca(X, k):
    _, S, Vt = np.linalg.svd(X, full_matrices=False)
    return {"components": Vt[:k], "projected": X @ Vt[:k].T, "explained_variance": S[:k] ** 2 / len(X)}

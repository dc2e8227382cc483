"""Your projections are right, but you wrote them into the caller's X and returned it
(`X[:] = ...; return X`): their points are overwritten by their projections, and your "result" is
their array. Return a new array: `(A @ coefficients).T`."""

import numpy as np


def project(A, X):
    coefficients = np.linalg.solve(A.T @ A, A.T @ X.T)
    X[:] = (A @ coefficients).T
    return X

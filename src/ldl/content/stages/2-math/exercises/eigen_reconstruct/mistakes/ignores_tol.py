"""Your is_eigenpair ignores its `tol` argument (a fixed tolerance, or np.allclose's defaults):
when the caller asks for tol=1e-2, an approximate eigenvector within 1e-2 must count. Compare with
`np.allclose(A @ v, lam * v, rtol=0.0, atol=tol)`."""

import numpy as np


def is_eigenpair(A, v, lam, tol=1e-8):
    return bool(np.allclose(A @ v, lam * v, rtol=0.0, atol=1e-8))


def reconstruct(eigenvalues, eigenvectors):
    V = eigenvectors
    return np.linalg.solve(V.T, (V * eigenvalues).T).T

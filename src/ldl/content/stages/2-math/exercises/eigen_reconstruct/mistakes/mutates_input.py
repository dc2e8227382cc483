"""Your matrix is right, but `V *= eigenvalues` scales the caller's eigenvectors in place: after
your call their columns are no longer the eigenvectors they gave you. Make a new array:
`scaled = V * eigenvalues` (or `V @ np.diag(eigenvalues)`)."""

import numpy as np


def is_eigenpair(A, v, lam, tol=1e-8):
    return bool(np.allclose(A @ v, lam * v, rtol=0.0, atol=tol))


def reconstruct(eigenvalues, eigenvectors):
    V = eigenvectors
    inverse = np.linalg.inv(V)
    V *= eigenvalues
    return V @ inverse

"""Checks for eigen_reconstruct: known small cases, a symmetric matrix, a non-symmetric one, and
round trips through numpy's own eigen-decomposition."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(3)
    upper = np.array([[2.0, 1.0], [0.0, 3.0]])
    S = rng.normal(size=(4, 4))
    S = S + S.T  # symmetric: orthonormal eigenvectors
    values, vectors = np.linalg.eigh(S)
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    B = Q @ np.diag([1.0, 2.0, 4.0]) @ np.linalg.inv(Q + 0.5 * np.triu(np.ones((3, 3))))
    return [
        Case(
            "eigenpair of an upper-triangular matrix",
            call="is_eigenpair",
            args=(upper, np.array([1.0, 1.0]), 3.0),
        ),
        Case(
            "a vector that is not an eigenvector",
            call="is_eigenpair",
            args=(upper, np.array([0.0, 1.0]), 3.0),
        ),
        Case("right vector, wrong eigenvalue", call="is_eigenpair", args=(upper, np.array([1.0, 0.0]), 3.0)),
        Case(
            "eigenvalues [2, 3], vectors (1,0) and (1,1)",
            call="reconstruct",
            args=(np.array([2.0, 3.0]), np.array([[1.0, 1.0], [0.0, 1.0]])),
        ),
        Case("a symmetric 4x4 matrix", call="reconstruct", args=(values, vectors)),
        Case("round trip of a non-symmetric 3x3 matrix", probe="probe_round_trip", args=(B,)),
    ]


def probe_round_trip(module, A):
    values, vectors = np.linalg.eig(A)  # real here: A was built from real eigenvalues
    rebuilt = module.reconstruct(values.real, vectors.real)
    return {"A": rebuilt, "first pair ok": module.is_eigenpair(A, vectors[:, 0].real, values[0].real, 1e-8)}

"""Checks for eigen_reconstruct: is_eigenpair on an eigenpair, a non-eigenvector, a wrong
eigenvalue, and an approximate eigenvector judged with a loose and with the default `tol`;
reconstruct for known 2x2 and 1x1 cases, integer eigenvectors, a symmetric 4x4 matrix, and a round
trip of a non-symmetric 3x3 matrix through numpy's own eigen-decomposition. The caller's arrays
must come back unchanged, and the rebuilt matrix must be a new array."""

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
            "an approximate eigenvector with tol=1e-2",
            call="is_eigenpair",
            args=(upper, np.array([1.0, 1.001]), 3.0),
            kwargs={"tol": 1e-2},
        ),
        Case(
            "the same vector with the default tol",
            call="is_eigenpair",
            args=(upper, np.array([1.0, 1.001]), 3.0),
        ),
        Case(
            "eigenvalues [2, 3], vectors (1,0) and (1,1)",
            call="reconstruct",
            args=(np.array([2.0, 3.0]), np.array([[1.0, 1.0], [0.0, 1.0]])),
        ),
        Case("a 1x1 matrix", call="reconstruct", args=(np.array([5.0]), np.array([[2.0]]))),
        Case(
            "integer eigenvalues and eigenvectors",
            call="reconstruct",
            args=(np.array([1, -2]), np.array([[1, 1], [1, 2]])),
        ),
        Case("a symmetric 4x4 matrix", call="reconstruct", args=(values, vectors)),
        Case("round trip of a non-symmetric 3x3 matrix", probe="probe_round_trip", args=(B,)),
    ]


def probe_round_trip(module, A):
    values, vectors = np.linalg.eig(A)  # real here: A was built from real eigenvalues
    rebuilt = module.reconstruct(values.real, vectors.real)
    return {"A": rebuilt, "first pair ok": module.is_eigenpair(A, vectors[:, 0].real, values[0].real, 1e-8)}

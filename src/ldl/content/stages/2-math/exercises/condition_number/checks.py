"""Checks for condition_number: the identity, a 1x1 matrix, a diagonal matrix, an integer matrix,
a non-symmetric matrix where eigenvalues mislead, Hilbert matrices, singular matrices (a zero row,
the zero matrix: np.inf, with no division warning), and digits_lost for a Hilbert matrix, the
identity (0) and a singular matrix (inf). The caller's matrix must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def _hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1)  # (n, n)


def cases():
    rng = np.random.default_rng(18)
    return [
        Case("the identity", call="condition_number", args=(np.eye(3),)),
        Case("a 1x1 matrix", call="condition_number", args=(np.array([[-4.0]]),)),
        Case("diag(10, 1, 0.1)", call="condition_number", args=(np.diag([10.0, 1.0, 0.1]),)),
        Case("[[1, 1000], [0, 1]]", call="condition_number", args=(np.array([[1.0, 1000.0], [0.0, 1.0]]),)),
        Case("an integer matrix", call="condition_number", args=(np.array([[2, 1], [1, 3]]),)),
        Case("a random 4x4 matrix", call="condition_number", args=(rng.normal(size=(4, 4)),)),
        Case("the 6x6 Hilbert matrix", call="condition_number", args=(_hilbert(6),), rtol=1e-4),
        Case("a matrix with a zero row", call="condition_number", args=(np.array([[1.0, 2.0], [0.0, 0.0]]),)),
        Case("the zero matrix", call="condition_number", args=(np.zeros((3, 3)),)),
        Case("digits lost, 8x8 Hilbert matrix", call="digits_lost", args=(_hilbert(8),), rtol=1e-4),
        Case("digits lost, the identity", call="digits_lost", args=(np.eye(4),)),
        Case(
            "digits lost, a singular matrix",
            call="digits_lost",
            args=(np.array([[3.0, 1.0], [0.0, 0.0]]),),
        ),
    ]

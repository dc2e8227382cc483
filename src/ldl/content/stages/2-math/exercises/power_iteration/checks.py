"""Checks for power_iteration: a 2x2 example, random symmetric matrices with a clear gap (one with a
negative top eigenvalue), compared up to the eigenvector's sign."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import mismatch_up_to_sign


def _symmetric(seed, eigenvalues):
    Q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(len(eigenvalues), len(eigenvalues))))
    return Q @ np.diag(eigenvalues) @ Q.T  # eigenvalues as given, eigenvectors the columns of Q


def cases():
    return [
        Case(
            "[[2, 1], [1, 2]]",
            probe="probe_power",
            args=(np.array([[2.0, 1.0], [1.0, 2.0]]),),
            compare="same_up_to_sign",
        ),
        Case(
            "a 6x6 matrix, top eigenvalue 5",
            probe="probe_power",
            args=(_symmetric(1, [5.0, 2.0, 1.0, 0.5, 0.1, -1.0]),),
            compare="same_up_to_sign",
        ),
        Case(
            "a 5x5 matrix whose top eigenvalue is -4",
            probe="probe_power",
            args=(_symmetric(2, [-4.0, 2.0, 1.5, 1.0, 0.3]),),
            compare="same_up_to_sign",
        ),
        Case(
            "a covariance matrix",
            probe="probe_power",
            args=(
                np.cov(
                    np.random.default_rng(3).normal(size=(4, 50)) * np.array([[3.0], [1.0], [1.0], [0.5]])
                ),
            ),
            compare="same_up_to_sign",
        ),
    ]


def probe_power(module, A):
    value, vector = module.power_iteration(A)
    return {"eigenvalue": float(value), "eigenvector": np.asarray(vector, dtype=np.float64)}


def same_up_to_sign(expected, got, case):
    """Eigenvalues must match; eigenvectors may differ by a factor of -1."""
    if not np.isclose(got["eigenvalue"], expected["eigenvalue"], rtol=1e-6):
        return f"eigenvalue {got['eigenvalue']:.6g}, expected {expected['eigenvalue']:.6g}"
    vector = np.asarray(got["eigenvector"])
    if vector.shape == expected["eigenvector"].shape and not np.isclose(np.linalg.norm(vector), 1.0):
        return f"the eigenvector should have unit length; yours has length {np.linalg.norm(vector):.4g}"
    return mismatch_up_to_sign(expected["eigenvector"], vector, "eigenvector", atol=1e-6)

"""Checks for householder_qr: the 2x2 example, a tall random matrix, a square one, an integer matrix,
one column, a column already along e1 (where the subtracting sign cancels), a 12x8 Hilbert block
(condition number ~1e10: the factors must stay orthogonal to 1e-12 and reproduce A), and a matrix
with a zero column below the diagonal. Q and R are compared with the reference's (the sign convention
makes them unique); two probes measure ||QᵀQ - I|| and ||QR - A||/||A|| on the Hilbert block. The
caller's matrix must come back unchanged; numpy's and scipy's QR are off limits."""

import numpy as np

from ldl.grading.spec import Case


def _hilbert(m, n):
    return 1.0 / (np.arange(m)[:, None] + np.arange(n)[None, :] + 1)  # (m, n)


def cases():
    rng = np.random.default_rng(21)
    along_e1 = np.array([[1.0, 2.0], [1e-9, 1.0], [0.0, 3.0]])
    return [
        Case("[[3, 1], [4, 0]]", call="householder_qr", args=(np.array([[3.0, 1.0], [4.0, 0.0]]),)),
        Case("a random 6x3 matrix", call="householder_qr", args=(rng.normal(size=(6, 3)),)),
        Case("a random 4x4 matrix", call="householder_qr", args=(rng.normal(size=(4, 4)),)),
        Case("an integer 3x2 matrix", call="householder_qr", args=(np.array([[1, 2], [3, 4], [5, 6]]),)),
        Case("a single column", call="householder_qr", args=(np.array([[-2.0], [1.0], [2.0]]),)),
        Case("a first column already along e1", call="householder_qr", args=(along_e1,), atol=1e-12),
        Case(
            "a first column pointing along -e1",
            call="householder_qr",
            args=(np.array([[-4.0, 1.0], [0.0, 2.0], [0.0, 1.0]]),),
        ),
        Case("a 12x8 Hilbert block", call="householder_qr", args=(_hilbert(12, 8),), rtol=1e-6, atol=1e-9),
        Case(
            "orthogonality on the 12x8 Hilbert block",
            probe="probe_quality",
            args=(_hilbert(12, 8),),
            compare="compare_small",
        ),
        Case(
            "orthogonality on a column already along e1",
            probe="probe_quality",
            args=(along_e1,),
            compare="compare_small",
        ),
    ]


def probe_quality(module, A):
    Q, R = module.householder_qr(A)
    Q, R = np.asarray(Q, dtype=np.float64), np.asarray(R, dtype=np.float64)
    if Q.shape != (A.shape[0], A.shape[1]) or R.shape != (A.shape[1], A.shape[1]):
        return {"shapes": [list(Q.shape), list(R.shape)]}
    orthogonality = float(np.linalg.norm(Q.T @ Q - np.eye(A.shape[1])))
    residual = float(np.linalg.norm(Q @ R - A) / np.linalg.norm(A))
    below = float(np.abs(np.tril(R, -1)).max()) if A.shape[1] > 1 else 0.0
    return {"orthogonality": orthogonality, "residual": residual, "below_diagonal": below}


def compare_small(expected, got, case):
    """||QᵀQ - I|| and ||QR - A||/||A|| at rounding level, exact zeros below R's diagonal."""
    if "shapes" in got:
        q_shape, r_shape = got["shapes"]
        return f"Q should be (m, n) and R (n, n) (the reduced QR); yours are {q_shape} and {r_shape}"
    if got["orthogonality"] > 1e-12:
        return (
            f"||QᵀQ - I|| = {got['orthogonality']:.2g}: your Q's columns are not orthonormal to rounding "
            f"level (Householder gets about {expected['orthogonality']:.1g})"
        )
    if got["residual"] > 1e-12:
        return (
            f"||QR - A|| / ||A|| = {got['residual']:.2g}: Q @ R does not give back A "
            f"(Householder gets about {expected['residual']:.1g})"
        )
    if got["below_diagonal"] != 0.0:
        return f"R has {got['below_diagonal']:.2g} below its diagonal: it should be exactly upper triangular"
    return None

"""Checks for gram_schmidt: both versions on the 3x2 example, a random 6x4 matrix, an integer matrix,
a square matrix and one column (compared with the reference); orthogonality_loss on an orthonormal Q
(about 0), on a known non-orthogonal one and on a 1-column Q; and the loss of orthogonality of each
version on a 20x10 matrix with condition number 1e8 (modified below 1e-6, classical above 1e-3).
The caller's matrix must come back unchanged; numpy's and scipy's QR are off limits."""

import numpy as np

from ldl.grading.spec import Case


def ill_conditioned(condition: float = 1e8, m: int = 20, n: int = 10) -> np.ndarray:
    """U diag(σ) Vᵀ with σ from 1 down to 1/condition (log-spaced): κ(A) = condition."""
    rng = np.random.default_rng(5)
    U, _ = np.linalg.qr(rng.normal(size=(m, n)))  # (m, n) orthonormal columns
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))  # (n, n) orthogonal
    return (U * np.logspace(0, -np.log10(condition), n)) @ V.T


def cases():
    rng = np.random.default_rng(9)
    example = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    matrices = [
        ("the 3x2 example", example),
        ("a random 6x4 matrix", rng.normal(size=(6, 4))),
        ("an integer 4x3 matrix", np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4], [1, 0, 1]])),
        ("a square 3x3 matrix", rng.normal(size=(3, 3))),
        ("one column", np.array([[3.0], [4.0]])),
    ]
    out = []
    for version in ("classical_gram_schmidt", "modified_gram_schmidt"):
        out += [
            Case(f"{version}: {name}", call=version, args=(A,), rtol=1e-7, atol=1e-10) for name, A in matrices
        ]
    Q_rotation = np.array([[0.6, -0.8], [0.8, 0.6]])
    out += [
        Case("orthogonality_loss of a rotation", call="orthogonality_loss", args=(Q_rotation,), atol=1e-12),
        Case(
            "orthogonality_loss of a skewed basis",
            call="orthogonality_loss",
            args=(np.array([[1.0, 0.6], [0.0, 0.8], [0.0, 0.3]]),),
        ),
        Case("orthogonality_loss of one column", call="orthogonality_loss", args=(np.array([[2.0], [0.0]]),)),
        Case(
            "modified GS stays orthogonal when κ(A) = 1e8",
            probe="probe_loss",
            args=(ill_conditioned(), "modified_gram_schmidt"),
            compare="compare_modified",
        ),
        Case(
            "classical GS loses orthogonality when κ(A) = 1e8",
            probe="probe_loss",
            args=(ill_conditioned(), "classical_gram_schmidt"),
            compare="compare_classical",
        ),
    ]
    return out


def probe_loss(module, A, version):
    Q, _ = getattr(module, version)(A)
    Q = np.asarray(Q, dtype=np.float64)
    return float(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))


def compare_modified(expected, got, case):
    if not np.isfinite(got) or got > 1e-6:
        return (
            f"||QᵀQ - I|| = {got:.2g} for your modified Gram-Schmidt (the reference gets {expected:.1g}): "
            "is each coefficient computed from the vector as updated so far?"
        )
    return None


def compare_classical(expected, got, case):
    if not np.isfinite(got) or got < 1e-3:
        return (
            f"||QᵀQ - I|| = {got:.2g} for your classical Gram-Schmidt, as good as the modified version: "
            "classical GS computes every coefficient from the original column "
            f"(the reference loses {expected:.2g})"
        )
    return None

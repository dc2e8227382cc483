"""Checks for power_iteration: a 2x2 example, random symmetric matrices with a clear gap (one with a
negative top eigenvalue), a covariance matrix, a 1x1 matrix, an integer matrix, two runs cut short
(num_steps=1, and num_steps=3 with seed=7), where the answer depends on the start vector the
statement prescribes and on every step, and a long run (num_steps=1000, seed=7). Compared up to
the eigenvector's sign; numpy's eigen and SVD routines are off limits (the exercise is the
iteration), and the caller's matrix must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import mismatch_up_to_sign


def _case(name, A, **options):
    return Case(name, probe="probe_power", args=(A,), kwargs=options, compare="compare_up_to_sign")


def _symmetric(seed, eigenvalues):
    Q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(len(eigenvalues), len(eigenvalues))))
    return Q @ np.diag(eigenvalues) @ Q.T  # eigenvalues as given, eigenvectors the columns of Q


def cases():
    slow = _symmetric(4, [3.0, 2.5, 1.0, -0.5])  # a small gap: far from converged after a few steps
    return [
        _case("[[2, 1], [1, 2]]", np.array([[2.0, 1.0], [1.0, 2.0]])),
        _case("a 6x6 matrix, top eigenvalue 5", _symmetric(1, [5.0, 2.0, 1.0, 0.5, 0.1, -1.0])),
        _case("a 5x5 matrix whose top eigenvalue is -4", _symmetric(2, [-4.0, 2.0, 1.5, 1.0, 0.3])),
        _case(
            "a covariance matrix",
            np.cov(np.random.default_rng(3).normal(size=(4, 50)) * [[3.0], [1.0], [1.0], [0.5]]),
        ),
        _case("a 1x1 matrix", np.array([[-2.5]])),
        _case("an integer matrix", np.array([[4, 1, 0], [1, 3, 1], [0, 1, 1]])),
        _case("one step (num_steps=1)", slow, num_steps=1),
        _case("3 steps from seed 7", slow, num_steps=3, seed=7),
        _case("1000 steps from seed 7", slow, num_steps=1000, seed=7),
    ]


def probe_power(module, A, **options):
    value, vector = module.power_iteration(A, **options)
    return {"eigenvalue": value, "eigenvector": vector}


def compare_up_to_sign(expected, got, case):
    """Eigenvalues must match; eigenvectors may differ by a factor of -1."""
    value = got["eigenvalue"]
    if not isinstance(value, (int, float)) and not np.ndim(value) == 0:
        return f"the eigenvalue should be a single number, not {type(value).__name__}"
    value = float(value)
    if not np.isclose(value, expected["eigenvalue"], rtol=1e-6):
        return f"eigenvalue {value:.6g}, expected {expected['eigenvalue']:.6g}"
    vector = np.asarray(got["eigenvector"], dtype=np.float64)
    if vector.shape == expected["eigenvector"].shape and not np.isclose(np.linalg.norm(vector), 1.0):
        return f"the eigenvector should have unit length; yours has length {np.linalg.norm(vector):.4g}"
    return mismatch_up_to_sign(expected["eigenvector"], vector, "eigenvector", atol=1e-6)

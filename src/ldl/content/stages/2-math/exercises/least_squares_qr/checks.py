"""Checks for least_squares_qr: a line through three points, a random overdetermined system, a square
system, integer inputs, two right-hand sides at once (b of shape (m, 2)), and a degree-11 polynomial
fit on a Vandermonde matrix (κ ≈ 1e8) whose exact coefficients must come back to 1e-6 (the normal
equations miss by ~1e-2); residual_norm on an exact fit (0), a known residual and two right-hand
sides. The caller's arrays must come back unchanged; lstsq and pinv are off limits."""

import numpy as np

from ldl.grading.spec import Case


def vandermonde_problem():
    t = np.linspace(0.0, 1.0, 50)
    A = np.vander(t, 12, increasing=True)  # (50, 12): 1, t, ..., t^11; condition number ~1e8
    coefficients = np.array([1.0, -2.0, 3.0, 0.5, -1.0, 2.0, -0.5, 1.5, 1.0, -1.5, 0.25, 2.0])
    return A, A @ coefficients, coefficients


def cases():
    rng = np.random.default_rng(13)
    line = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    A, b, coefficients = vandermonde_problem()
    random_A = rng.normal(size=(8, 3))
    random_b = rng.normal(size=8)
    return [
        Case("a line through 3 points", call="least_squares_qr", args=(line, np.array([1.0, 2.0, 2.0]))),
        Case("a random 8x3 system", call="least_squares_qr", args=(random_A, random_b)),
        Case("a square system", call="least_squares_qr", args=(rng.normal(size=(3, 3)), rng.normal(size=3))),
        Case(
            "integer A and b",
            call="least_squares_qr",
            args=(np.array([[1, 1], [1, 2], [1, 3], [1, 4]]), np.array([6, 5, 7, 10])),
        ),
        Case("two right-hand sides", call="least_squares_qr", args=(random_A, rng.normal(size=(8, 2)))),
        Case(
            "a degree-11 polynomial fit, κ(A) ≈ 1e8",
            probe="probe_coefficient_error",
            args=(A, b, coefficients),
            compare="compare_accurate",
        ),
        Case(
            "residual of an exact fit",
            call="residual_norm",
            args=(line, line @ [1.0, 0.5], np.array([1.0, 0.5])),
            atol=1e-12,
        ),
        Case(
            "a known residual",
            call="residual_norm",
            args=(line, np.array([1.0, 2.0, 2.0]), np.array([1.0, 0.5])),
        ),
        Case(
            "residual with two right-hand sides",
            call="residual_norm",
            args=(line, np.ones((3, 2)), np.zeros((2, 2))),
        ),
    ]


def probe_coefficient_error(module, A, b, coefficients):
    x = np.asarray(module.least_squares_qr(A, b), dtype=np.float64)
    if x.shape != coefficients.shape:
        return {"shape": list(x.shape)}
    return {"error": float(np.max(np.abs(x - coefficients)))}


def compare_accurate(expected, got, case):
    if "shape" in got:
        return f"x should have shape (12,) for this (50, 12) system; yours has shape {tuple(got['shape'])}"
    if not np.isfinite(got["error"]) or got["error"] > 1e-6:
        return (
            f"your coefficients are off by up to {got['error']:.2g} (QR gets {expected['error']:.1g}): "
            "did you form AᵀA? Its condition number is κ(A)², about 1e16 here: nothing is left"
        )
    return None

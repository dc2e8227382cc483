"""Checks for central_difference: derivatives we know in closed form. A function cannot be sent to
the sandbox, so probes pick the functions there by name and return the numbers."""

import numpy as np

from ldl.grading.spec import Case

FUNCTIONS = {
    "sin": np.sin,
    "exp": np.exp,
    "cube": lambda x: x**3,
    "poly": lambda x: x[0] ** 2 + 3 * x[0] * x[1],
    "frobenius": lambda X: np.sum(X**2) + X[0, 1] * X[1, 2],
}


def cases():
    rng = np.random.default_rng(5)
    return [
        Case("f'(0.3) for sin", probe="probe_derivative", args=("sin", 0.3), rtol=1e-7),
        Case("f'(-1) for exp", probe="probe_derivative", args=("exp", -1.0), rtol=1e-7),
        Case("f'(2) for x³", probe="probe_derivative", args=("cube", 2.0), rtol=1e-7),
        Case("f''(0.5) for sin", probe="probe_second", args=("sin", 0.5), rtol=1e-6),
        Case("f''(2) for x³", probe="probe_second", args=("cube", 2.0), rtol=1e-6),
        Case(
            "along (0, 1) for x₀² + 3x₀x₁",
            probe="probe_directional",
            args=("poly", np.array([1.0, 2.0]), np.array([0.0, 1.0])),
            rtol=1e-6,
        ),
        Case(
            "along a random direction, matrix input",
            probe="probe_directional",
            args=("frobenius", rng.normal(size=(2, 3)), rng.normal(size=(2, 3))),
            rtol=1e-6,
        ),
        Case("the caller's x is left alone", probe="probe_untouched", args=(np.array([0.5, -1.5]),)),
    ]


def probe_derivative(module, name, x):
    return float(module.derivative(FUNCTIONS[name], x))


def probe_second(module, name, x):
    return float(module.second_derivative(FUNCTIONS[name], x))


def probe_directional(module, name, x, v):
    return float(module.directional_derivative(FUNCTIONS[name], x, v))


def probe_untouched(module, x):
    before = x.copy()
    module.directional_derivative(FUNCTIONS["poly"], x, np.array([1.0, 1.0]))
    return {"x unchanged": bool(np.array_equal(x, before))}

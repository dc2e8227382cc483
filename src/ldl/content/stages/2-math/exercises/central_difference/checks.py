"""Checks for central_difference: derivatives we know in closed form, at float and integer points;
each function also at a large step `h` (where the answer depends on h, so h must be used as given);
directional derivatives of a quadratic and of a cubic, on a vector, an integer vector and a
matrix; and that the caller's x is left alone. A function cannot be sent to the sandbox, so probes
pick the functions there by name and return the numbers."""

import numpy as np

from ldl.grading.spec import Case

FUNCTIONS = {
    "sin": np.sin,
    "exp": np.exp,
    "cube": lambda x: x**3,
    "poly": lambda x: x[0] ** 2 + 3 * x[0] * x[1],
    "cubes": lambda x: np.sum(x**3),
    "frobenius": lambda X: np.sum(X**2) + X[0, 1] * X[1, 2],
}


def cases():
    rng = np.random.default_rng(5)
    return [
        Case("f'(0.3) for sin", probe="probe_derivative", args=("sin", 0.3), rtol=1e-7),
        Case("f'(-1) for exp", probe="probe_derivative", args=("exp", -1.0), rtol=1e-7),
        Case("f'(2) for x³, at the integer 2", probe="probe_derivative", args=("cube", 2), rtol=1e-7),
        Case("f'(2) for x³ with h=0.1", probe="probe_derivative", args=("cube", 2.0), kwargs={"h": 0.1}),
        Case("f''(0.5) for sin", probe="probe_second", args=("sin", 0.5), rtol=1e-6),
        Case("f''(2) for x³", probe="probe_second", args=("cube", 2.0), rtol=1e-6),
        Case("f''(0.5) for exp with h=0.5", probe="probe_second", args=("exp", 0.5), kwargs={"h": 0.5}),
        Case(
            "along (0, 1) for x₀² + 3x₀x₁",
            probe="probe_directional",
            args=("poly", np.array([1.0, 2.0]), np.array([0.0, 1.0])),
            rtol=1e-6,
        ),
        Case(
            "along (1, 1) for x₀² + 3x₀x₁, at an integer point",
            probe="probe_directional",
            args=("poly", np.array([1, 2]), np.array([1.0, 1.0])),
            rtol=1e-6,
        ),
        Case(
            "along a random direction, matrix input",
            probe="probe_directional",
            args=("frobenius", rng.normal(size=(2, 3)), rng.normal(size=(2, 3))),
            rtol=1e-6,
        ),
        Case(
            "Σ x³ along (1, -2) with h=0.2",
            probe="probe_directional",
            args=("cubes", np.array([0.5, 1.0]), np.array([1.0, -2.0])),
            kwargs={"h": 0.2},
        ),
        Case("the caller's x is left alone", probe="probe_untouched", args=(np.array([0.5, -1.5]),)),
    ]


def probe_derivative(module, name, x, **step):
    return float(module.derivative(FUNCTIONS[name], x, **step))


def probe_second(module, name, x, **step):
    return float(module.second_derivative(FUNCTIONS[name], x, **step))


def probe_directional(module, name, x, v, **step):
    return float(module.directional_derivative(FUNCTIONS[name], x, v, **step))


def probe_untouched(module, x):
    """x is handed on as a copy, so this probe itself can tell whether it changed."""
    mine = x.copy()
    module.directional_derivative(FUNCTIONS["poly"], mine, np.array([1.0, 1.0]))
    return {"x unchanged": bool(np.array_equal(mine, x))}

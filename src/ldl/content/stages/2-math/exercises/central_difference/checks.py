"""Checks for central_difference: derivatives we know in closed form. A function cannot be sent to
the sandbox, so probes build the functions there and return the numbers."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(3, 3))
    return [
        Case("d/dx sin x at 0.3", probe="probe_derivative", args=("sin", 0.3), rtol=1e-7),
        Case("d/dx exp x at -1", probe="probe_derivative", args=("exp", -1.0), rtol=1e-7),
        Case("d/dx x³ at 2", probe="probe_derivative", args=("cube", 2.0), rtol=1e-7),
        Case(
            "gradient of x₀² + 3x₀x₁", probe="probe_gradient", args=("poly", np.array([1.0, 2.0])), rtol=1e-6
        ),
        Case(
            "gradient of ½xᵀAx", probe="probe_gradient", args=("quadratic", rng.normal(size=3), A), rtol=1e-6
        ),
        Case(
            "gradient with a matrix input",
            probe="probe_gradient",
            args=("frobenius", rng.normal(size=(2, 3))),
            rtol=1e-6,
        ),
        Case("the caller's x is left alone", probe="probe_untouched", args=(np.array([0.5, -1.5]),)),
    ]


FUNCTIONS = {
    "sin": np.sin,
    "exp": np.exp,
    "cube": lambda x: x**3,
    "poly": lambda x: x[0] ** 2 + 3 * x[0] * x[1],
    "frobenius": lambda X: np.sum(X**2) + X[0, 1] * X[1, 2],
}


def probe_derivative(module, name, x):
    return float(module.derivative(FUNCTIONS[name], x))


def probe_gradient(module, name, x, A=None):
    f = (lambda v: 0.5 * v @ A @ v) if name == "quadratic" else FUNCTIONS[name]
    return np.asarray(module.gradient(f, x), dtype=np.float64)


def probe_untouched(module, x):
    before = x.copy()
    module.gradient(FUNCTIONS["poly"], x)
    return {"x unchanged": bool(np.array_equal(x, before))}

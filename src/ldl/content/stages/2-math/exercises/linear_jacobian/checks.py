"""Checks for linear_jacobian: the worked example, a random non-square map (3x5 and 4x2), a map
with one output, agreement with central differences, and ∂f/∂b for several and for one output.
The Jacobian must be a new array (not the caller's W), and the caller's arrays must come back
unchanged."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import jacobian


def cases():
    rng = np.random.default_rng(12)
    W, b, x = rng.normal(size=(3, 5)), rng.normal(size=3), rng.normal(size=5)
    example = (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.zeros(2), np.ones(3))
    return [
        Case("∂f/∂x, worked example", call="jacobian_wrt_x", args=example),
        Case("∂f/∂x, a 3x5 map", call="jacobian_wrt_x", args=(W, b, x)),
        Case(
            "∂f/∂x, a tall 4x2 map", call="jacobian_wrt_x", args=(rng.normal(size=(4, 2)), np.ones(4), x[:2])
        ),
        Case("∂f/∂x, one output", call="jacobian_wrt_x", args=(W[:1], b[:1], x)),
        Case("∂f/∂b, a 3x5 map", call="jacobian_wrt_b", args=(W, b, x)),
        Case("∂f/∂b, one output", call="jacobian_wrt_b", args=(W[:1], b[:1], x)),
        Case("∂f/∂x agrees with central differences", probe="probe_numerical", args=(W, b, x)),
    ]


def probe_numerical(module, W, b, x):
    expected = jacobian(lambda v: W @ v + b, x)
    got = np.asarray(module.jacobian_wrt_x(W, b, x), dtype=np.float64)
    return {"agree": bool(got.shape == expected.shape and np.allclose(got, expected, atol=1e-7))}

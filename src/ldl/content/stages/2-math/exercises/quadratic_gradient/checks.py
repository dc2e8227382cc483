"""Checks for quadratic_gradient: the worked example, random non-symmetric matrices, and agreement
of the learner's own gradient with central differences of the learner's own value."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import gradient


def cases():
    rng = np.random.default_rng(2)
    A, b, x = rng.normal(size=(4, 4)), rng.normal(size=4), rng.normal(size=4)
    example = (np.array([[2.0, 1.0], [0.0, 4.0]]), np.array([1.0, 0.0]), np.array([1.0, 1.0]))
    return [
        Case("value, worked example", call="quadratic_value", args=example),
        Case("gradient, worked example", call="quadratic_gradient", args=example),
        Case("value, random 4x4", call="quadratic_value", args=(A, b, x)),
        Case("gradient, random non-symmetric 4x4", call="quadratic_gradient", args=(A, b, x)),
        Case("Hessian, random non-symmetric 4x4", call="quadratic_hessian", args=(A,)),
        Case(
            "your gradient matches central differences of your value",
            probe="probe_consistent",
            args=(A, b, x),
        ),
    ]


def probe_consistent(module, A, b, x):
    numerical = gradient(lambda v: module.quadratic_value(A, b, v), x)
    analytic = np.asarray(module.quadratic_gradient(A, b, x), dtype=np.float64)
    return {"agree": bool(analytic.shape == x.shape and np.allclose(analytic, numerical, atol=1e-6))}

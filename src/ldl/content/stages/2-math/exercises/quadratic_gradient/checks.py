"""Checks for quadratic_gradient: the worked example, random non-symmetric matrices, a 1x1
problem, integer inputs, the Hessian of a non-symmetric and of a symmetric matrix, and agreement
of the learner's own gradient with central differences of the learner's own value. The caller's
arrays must come back unchanged, and the Hessian must be a new array (not the caller's A)."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import gradient


def cases():
    rng = np.random.default_rng(2)
    A, b, x = rng.normal(size=(4, 4)), rng.normal(size=4), rng.normal(size=4)
    example = (np.array([[2.0, 1.0], [0.0, 4.0]]), np.array([1.0, 0.0]), np.array([1.0, 1.0]))
    integers = (np.array([[1, 2], [0, 3]]), np.array([1, -1]), np.array([2, 1]))
    return [
        Case("value, worked example", call="quadratic_value", args=example),
        Case("gradient, worked example", call="quadratic_gradient", args=example),
        Case("value, random 4x4", call="quadratic_value", args=(A, b, x)),
        Case("gradient, random non-symmetric 4x4", call="quadratic_gradient", args=(A, b, x)),
        Case("Hessian, random non-symmetric 4x4", call="quadratic_hessian", args=(A,)),
        Case("Hessian, a symmetric 4x4", call="quadratic_hessian", args=(A + A.T,)),
        Case(
            "gradient, a 1x1 problem",
            call="quadratic_gradient",
            args=(np.array([[3.0]]), np.array([1.0]), np.array([2.0])),
        ),
        Case("value, integer inputs", call="quadratic_value", args=integers),
        Case("gradient, integer inputs", call="quadratic_gradient", args=integers),
        Case("Hessian, integer entries", call="quadratic_hessian", args=(integers[0],)),
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

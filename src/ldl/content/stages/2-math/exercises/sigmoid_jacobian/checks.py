"""Checks for sigmoid_jacobian: values, the Jacobian against central differences, and the
vector–Jacobian product against the full Jacobian."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import jacobian


def cases():
    rng = np.random.default_rng(13)
    x, g = rng.normal(size=5) * 2, rng.normal(size=5)
    return [
        Case("sigmoid of a few points", call="sigmoid", args=(np.array([-2.0, 0.0, 3.0]),)),
        Case("Jacobian at zero", call="sigmoid_jacobian", args=(np.zeros(2),)),
        Case("Jacobian at 5 random points", call="sigmoid_jacobian", args=(x,)),
        Case("Jacobian agrees with central differences", probe="probe_numerical", args=(x,)),
        Case("vector–Jacobian product", call="sigmoid_vjp", args=(x, g)),
    ]


def probe_numerical(module, x):
    expected = jacobian(lambda v: 1.0 / (1.0 + np.exp(-v)), x)
    got = np.asarray(module.sigmoid_jacobian(x), dtype=np.float64)
    return {"agree": bool(got.shape == expected.shape and np.allclose(got, expected, atol=1e-8))}

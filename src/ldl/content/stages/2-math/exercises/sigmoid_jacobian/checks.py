"""Checks for sigmoid_jacobian: values (including integer inputs and a 2-D array), the Jacobian at
zero, at random points and of a single input, the Jacobian against central differences, and the
vector–Jacobian product, on 5 entries and on 4,000 entries (where an (n, n) Jacobian would cost
16 million numbers: the product must be computed without forming it). The caller's arrays must
come back unchanged."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import jacobian


def cases():
    rng = np.random.default_rng(13)
    x, g = rng.normal(size=5) * 2, rng.normal(size=5)
    big_x, big_g = rng.normal(size=4000), rng.normal(size=4000)
    return [
        Case("sigmoid of a few points", call="sigmoid", args=(np.array([-2.0, 0.0, 3.0]),)),
        Case("sigmoid of integers", call="sigmoid", args=(np.array([-1, 0, 2]),)),
        Case("sigmoid of a (2, 3) array", call="sigmoid", args=(rng.normal(size=(2, 3)),)),
        Case("Jacobian at zero", call="sigmoid_jacobian", args=(np.zeros(2),)),
        Case("Jacobian at 5 random points", call="sigmoid_jacobian", args=(x,)),
        Case("Jacobian agrees with central differences", probe="probe_numerical", args=(x,)),
        Case("Jacobian of a single input", call="sigmoid_jacobian", args=(np.array([0.7]),)),
        Case("vector–Jacobian product", call="sigmoid_vjp", args=(x, g)),
        Case(
            "vector–Jacobian product, 4,000 entries",
            call="sigmoid_vjp",
            args=(big_x, big_g),
            show_input=False,
        ),
    ]


def probe_numerical(module, x):
    expected = jacobian(lambda v: 1.0 / (1.0 + np.exp(-v)), x)
    got = np.asarray(module.sigmoid_jacobian(x), dtype=np.float64)
    return {"agree": bool(got.shape == expected.shape and np.allclose(got, expected, atol=1e-8))}

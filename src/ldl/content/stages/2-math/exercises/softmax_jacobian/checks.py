"""Checks for softmax_jacobian: values (including logits near 1000 and near -1000, and a single
logit), the worked example at [0, 0] (ties), the Jacobian at random logits, at logits near 1000
and of a single logit, and the Jacobian against central differences. The caller's logits must
come back unchanged."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import jacobian


def cases():
    rng = np.random.default_rng(14)
    z = rng.normal(size=4) * 2
    return [
        Case("softmax of 4 logits", call="softmax", args=(z,)),
        Case("softmax of logits near 1000", call="softmax", args=(z + 1000.0,)),
        Case("softmax of logits near -1000", call="softmax", args=(z - 1000.0,)),
        Case("softmax of a single logit", call="softmax", args=(np.array([4.0]),)),
        Case("Jacobian at [0, 0]", call="softmax_jacobian", args=(np.zeros(2),)),
        Case("Jacobian at 4 random logits", call="softmax_jacobian", args=(z,)),
        Case("Jacobian at logits near 1000", call="softmax_jacobian", args=(z + 1000.0,)),
        Case("Jacobian of a single logit", call="softmax_jacobian", args=(np.array([4.0]),)),
        Case("Jacobian agrees with central differences", probe="probe_numerical", args=(z,)),
    ]


def probe_numerical(module, z):
    expected = jacobian(lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum(), z)
    got = np.asarray(module.softmax_jacobian(z), dtype=np.float64)
    return {"agree": bool(got.shape == expected.shape and np.allclose(got, expected, atol=1e-8))}

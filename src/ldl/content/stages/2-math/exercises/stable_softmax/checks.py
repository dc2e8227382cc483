"""Checks for stable_softmax: a vector, a batch, every supported axis (0, 1, -1) and a 3-D array,
equal logits (ties), logits in the thousands and around -1000 (where a naive `exp` overflows or
underflows), a single logit, integer logits, an empty batch, and log-probabilities far below the
float range. The caller's array must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(6)
    batch = rng.normal(size=(4, 5))
    integers = np.array([[1, 2, 3], [0, 0, 5]])
    return [
        Case("a vector of 3 logits", call="softmax", args=(np.array([1.0, 2.0, 3.0]),)),
        Case("a batch of 4 examples, 5 classes", call="softmax", args=(batch,)),
        Case("normalise the columns (axis=0)", call="softmax", args=(batch,), kwargs={"axis": 0}),
        Case("the rows again, as axis=1", call="softmax", args=(batch,), kwargs={"axis": 1}),
        Case(
            "a 3-D array along axis 1", call="softmax", args=(rng.normal(size=(2, 3, 4)),), kwargs={"axis": 1}
        ),
        Case("equal logits give a uniform distribution", call="softmax", args=(np.full((2, 4), 7.0),)),
        Case("logits in the thousands", call="softmax", args=(batch * 1000,), atol=1e-12),
        Case("logits around -1000", call="softmax", args=(batch - 1000,)),
        Case("a single logit", call="softmax", args=(np.array([-3.5]),)),
        Case("integer logits", call="softmax", args=(integers,)),
        Case("an empty batch (0 rows of 5)", call="softmax", args=(np.zeros((0, 5)),)),
        Case("log_softmax of a batch", call="log_softmax", args=(batch,)),
        Case("log_softmax of logits in the thousands", call="log_softmax", args=(batch * 1000,)),
        Case("log_softmax along axis 0", call="log_softmax", args=(batch * 50,), kwargs={"axis": 0}),
        Case(
            "log_softmax of a 3-D array along axis 1",
            call="log_softmax",
            args=(rng.normal(size=(2, 3, 4)) - 800,),
            kwargs={"axis": 1},
        ),
        Case("log_softmax of integer logits", call="log_softmax", args=(integers,)),
    ]

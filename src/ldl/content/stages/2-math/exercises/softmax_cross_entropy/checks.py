"""Checks for softmax_cross_entropy: the worked example, a random batch, logits large enough to
overflow exp, and the gradient against central differences of the reference loss."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(10)
    logits = rng.normal(size=(6, 4)) * 2
    targets = rng.integers(0, 4, size=6)
    return [
        Case("the worked example", call="cross_entropy", args=(np.array([[2.0, 0.0, 0.0]]), np.array([0]))),
        Case("a batch of 6, 4 classes", call="cross_entropy", args=(logits, targets)),
        Case("logits in the thousands", call="cross_entropy", args=(logits * 1000, targets), rtol=1e-7),
        Case("gradient, a batch of 6", call="cross_entropy_grad", args=(logits, targets)),
        Case(
            "gradient, logits in the thousands",
            call="cross_entropy_grad",
            args=(logits * 1000, targets),
            atol=1e-9,
        ),
    ]

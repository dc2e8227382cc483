"""Checks for softmax_cross_entropy: the worked example, a random batch, a single example whose
target is class 0, equal logits (ties: the loss is log K), a one-class problem (loss 0), integer
logits, logits in the thousands and around -1000 (where a naive `exp` overflows or underflows),
and the gradient on the same inputs. The caller's arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(10)
    logits = rng.normal(size=(6, 4)) * 2
    targets = rng.integers(0, 4, size=6)
    integer_logits = np.array([[3, 1, 0], [0, 0, 2]])
    return [
        Case("the worked example", call="cross_entropy", args=(np.array([[2.0, 0.0, 0.0]]), np.array([0]))),
        Case("a batch of 6, 4 classes", call="cross_entropy", args=(logits, targets)),
        Case("logits in the thousands", call="cross_entropy", args=(logits * 1000, targets), rtol=1e-7),
        Case("logits around -1000", call="cross_entropy", args=(logits - 1000, targets)),
        Case("equal logits: log K", call="cross_entropy", args=(np.zeros((3, 5)), np.array([0, 4, 2]))),
        Case(
            "one example, target class 0", call="cross_entropy", args=(np.array([[0.5, 1.5]]), np.array([0]))
        ),
        Case(
            "a single class: loss 0", call="cross_entropy", args=(np.array([[2.0], [-1.0]]), np.array([0, 0]))
        ),
        Case("integer logits", call="cross_entropy", args=(integer_logits, np.array([2, 2]))),
        Case("gradient, a batch of 6", call="cross_entropy_grad", args=(logits, targets)),
        Case(
            "gradient, logits in the thousands",
            call="cross_entropy_grad",
            args=(logits * 1000, targets),
            atol=1e-9,
        ),
        Case("gradient, logits around -1000", call="cross_entropy_grad", args=(logits - 1000, targets)),
        Case(
            "gradient, one example, target class 0",
            call="cross_entropy_grad",
            args=(np.array([[0.5, 1.5]]), np.array([0])),
        ),
        Case("gradient, integer logits", call="cross_entropy_grad", args=(integer_logits, np.array([2, 0]))),
    ]

"""Checks for cross_entropy_grad: the worked example, random batches, a batch of one, many
classes, and logits large enough to overflow a naive softmax; loss and gradient separately."""

import numpy as np

from ldl.grading.spec import Case


def loss_only(module, logits, targets):
    loss, _ = module.softmax_cross_entropy(logits, targets)
    return loss


def grad_only(module, logits, targets):
    _, grad = module.softmax_cross_entropy(logits, targets)
    return grad


def cases():
    rng = np.random.default_rng(12)
    logits, targets = rng.normal(size=(8, 5)), rng.integers(0, 5, size=8)
    wide, wide_targets = rng.normal(size=(3, 100)) * 3, rng.integers(0, 100, size=3)
    example = (np.array([[2.0, 0.0, 0.0]]), np.array([0]))
    return [
        Case("the worked example: loss", probe="loss_only", args=example),
        Case("the worked example: gradient", probe="grad_only", args=example),
        Case("a batch of 8, 5 classes: loss", probe="loss_only", args=(logits, targets)),
        Case("a batch of 8, 5 classes: gradient", probe="grad_only", args=(logits, targets)),
        Case("100 classes: gradient", probe="grad_only", args=(wide, wide_targets)),
        Case("logits in the thousands: loss", probe="loss_only", args=(logits * 1000, targets), rtol=1e-7),
        Case(
            "logits in the thousands: gradient", probe="grad_only", args=(logits * 1000, targets), atol=1e-10
        ),
        Case("both together, as a tuple", call="softmax_cross_entropy", args=(logits, targets)),
    ]

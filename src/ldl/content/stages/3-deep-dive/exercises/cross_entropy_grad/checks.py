"""Checks for cross_entropy_grad: the worked example (a batch of one), a random batch, 100 classes,
logits in the thousands (both signs: a naive softmax overflows, or takes the log of 0), a tie
(equal logits), float32 logits (the gradient keeps their dtype), loss and gradient separately,
and both together as a tuple."""

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
        Case("equal logits (a tie): loss", probe="loss_only", args=(np.zeros((2, 4)), np.array([0, 3]))),
        Case("equal logits (a tie): gradient", probe="grad_only", args=(np.zeros((2, 4)), np.array([0, 3]))),
        Case(
            "float32 logits: the gradient stays float32",
            probe="grad_only",
            args=(logits.astype(np.float32), targets),
            rtol=1e-4,
            atol=1e-6,
        ),
        Case("both together, as a tuple", call="softmax_cross_entropy", args=(logits, targets)),
    ]

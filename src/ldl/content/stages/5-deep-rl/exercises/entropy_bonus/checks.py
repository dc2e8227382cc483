"""Checks for entropy_bonus: the worked example; a batch of random logits with 6 actions; a single
state (shape (A,)); a 3-D batch (2, 3, 4); float32 logits; logits in the thousands (a naive
softmax overflows); a very confident row whose other probabilities underflow to 0; and -inf
logits for forbidden actions."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(61)
    z = rng.normal(size=(5, 6))
    masked = z.copy()
    masked[:, :2] = -np.inf
    return [
        Case("the worked example", call="categorical_entropy", args=(np.array([[0.0, 0.0], [1000.0, 0.0]]),)),
        Case("a batch of 5 states, 6 actions", call="categorical_entropy", args=(z,)),
        Case("one state, shape (A,)", call="categorical_entropy", args=(z[0],)),
        Case("a (2, 3, 4) batch", call="categorical_entropy", args=(rng.normal(size=(2, 3, 4)),)),
        Case(
            "float32 logits", call="categorical_entropy", args=(z.astype(np.float32),), rtol=1e-5, atol=1e-6
        ),
        Case("logits in the thousands", call="categorical_entropy", args=(z * 1000,)),
        Case(
            "a near-certain row (others underflow)",
            call="categorical_entropy",
            args=(np.array([[800.0, 0.0, -5.0], [0.0, 0.1, 0.2]]),),
        ),
        Case("forbidden actions with -inf logits", call="categorical_entropy", args=(masked,)),
    ]

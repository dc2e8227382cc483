"""Checks for masked_policy: the worked example; a batch of 8 x 7 (Connect Four's columns) with
random masks; a row with one legal action (log-prob 0, entropy 0); every action legal (the plain
log-softmax); logits in the thousands; an illegal action with a huge logit (it must not count);
float32 logits."""

import numpy as np

from ldl.grading.spec import Case


def both(module, logits, legal):
    return {
        "log_probs": module.masked_log_probs(logits, legal),
        "entropy": module.masked_entropy(logits, legal),
    }


def cases():
    rng = np.random.default_rng(71)
    logits = rng.normal(size=(8, 7))
    legal = rng.random((8, 7)) < 0.6
    legal[:, 3] = True  # every row keeps at least one legal column
    one = np.zeros((2, 4), dtype=bool)
    one[0, 2] = one[1, 0] = True
    huge_illegal = np.array([[1.0, 2.0, 500.0], [0.5, -1.0, 800.0]])
    legal_huge = np.array([[True, True, False], [True, True, False]])
    return [
        Case(
            "the worked example",
            probe="both",
            args=(np.array([[1.0, 2.0, 3.0]]), np.array([[True, False, True]])),
        ),
        Case("8 positions, 7 columns, random masks", probe="both", args=(logits, legal)),
        Case("one legal action per row", probe="both", args=(rng.normal(size=(2, 4)), one)),
        Case("every action legal", probe="both", args=(logits, np.ones((8, 7), dtype=bool))),
        Case("logits in the thousands", probe="both", args=(logits * 1000, legal)),
        Case("an illegal action with a huge logit", probe="both", args=(huge_illegal, legal_huge)),
        Case("float32 logits", probe="both", args=(logits.astype(np.float32), legal), rtol=1e-5, atol=1e-6),
    ]

"""Checks for logsumexp: every axis and keepdims combination, values that overflow or underflow a
naive exp, rows containing -inf, and a row that is entirely -inf."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(3, 4))
    masked = x.copy()
    masked[0, 1:] = -np.inf  # one finite entry left
    masked[2, :] = -np.inf  # nothing left: the answer is -inf
    return [
        Case("a vector", call="logsumexp", args=(np.array([1.0, 2.0, 3.0]),)),
        Case("all entries of a matrix (axis=None)", call="logsumexp", args=(x,)),
        Case("each row (axis=1)", call="logsumexp", args=(x,), kwargs={"axis": 1}),
        Case("each column (axis=0)", call="logsumexp", args=(x,), kwargs={"axis": 0}),
        Case("each row, keepdims=True", call="logsumexp", args=(x,), kwargs={"axis": 1, "keepdims": True}),
        Case(
            "a 3-D array along axis 1",
            call="logsumexp",
            args=(rng.normal(size=(2, 3, 4)),),
            kwargs={"axis": 1},
        ),
        Case("values in the thousands", call="logsumexp", args=(x * 1000,), kwargs={"axis": 1}),
        Case("values around -1000", call="logsumexp", args=(x - 1000,), kwargs={"axis": 1}),
        Case(
            "rows with -inf entries, one entirely -inf", call="logsumexp", args=(masked,), kwargs={"axis": 1}
        ),
    ]

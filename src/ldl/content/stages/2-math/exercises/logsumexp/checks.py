"""Checks for logsumexp: axis None, 0, 1, -1 and a 3-D array, keepdims with an axis and with
axis=None, a single value, integer input, values that overflow or underflow a naive exp, rows
containing -inf, and a row that is entirely -inf. The caller's array must come back unchanged."""

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
        Case("each row as axis=-1", call="logsumexp", args=(x,), kwargs={"axis": -1}),
        Case("all entries, keepdims=True", call="logsumexp", args=(x,), kwargs={"keepdims": True}),
        Case("a single value", call="logsumexp", args=(np.array([-2.5]),)),
        Case(
            "integer input, each row",
            call="logsumexp",
            args=(np.array([[1, 2, 3], [0, 0, 0]]),),
            kwargs={"axis": 1},
        ),
        Case("values in the thousands", call="logsumexp", args=(x * 1000,), kwargs={"axis": 1}),
        Case("values around -1000", call="logsumexp", args=(x - 1000,), kwargs={"axis": 1}),
        Case(
            "rows with -inf entries, one entirely -inf", call="logsumexp", args=(masked,), kwargs={"axis": 1}
        ),
    ]

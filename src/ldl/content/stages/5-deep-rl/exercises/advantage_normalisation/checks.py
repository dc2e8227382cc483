"""Checks for advantage_normalisation: the worked example; a (64,) batch; a 2-D (4, 16) batch
(statistics over all entries); float32 advantages; identical values (all zeros, finite); a single
entry; a non-default eps on a tiny spread; and advantages in the thousands."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(60)
    a = rng.normal(loc=3.0, scale=5.0, size=64)
    return [
        Case("the worked example", call="normalise_advantages", args=(np.array([1.0, 3.0]),)),
        Case("a batch of 64", call="normalise_advantages", args=(a,)),
        Case(
            "a (4, 16) batch: statistics over all entries",
            call="normalise_advantages",
            args=(a.reshape(4, 16),),
        ),
        Case(
            "float32 advantages",
            call="normalise_advantages",
            args=(a.astype(np.float32),),
            rtol=1e-5,
            atol=1e-6,
        ),
        Case("identical values give zeros", call="normalise_advantages", args=(np.full(10, 2.5),)),
        Case("a single entry", call="normalise_advantages", args=(np.array([4.0]),)),
        Case(
            "eps = 0.1 on a tiny spread",
            call="normalise_advantages",
            args=(np.array([1.0, 1.01, 0.99]),),
            kwargs={"eps": 0.1},
        ),
        Case("advantages in the thousands", call="normalise_advantages", args=(a * 1000,)),
    ]

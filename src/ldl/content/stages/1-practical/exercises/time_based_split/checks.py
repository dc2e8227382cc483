"""Checks for time_based_split: the statement's example, shuffled dates, a cutoff month shared by
many rows (must not be split), several rows on the same date (stable order), no validation at
all, one row, 2,930 Ames-like sale dates; `dates` must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(15)
    months = rng.integers(0, 55, size=2930)  # 2006-01 .. 2010-07, as in the Ames data
    ames_like = 2006 + months / 12
    shuffled = rng.permutation(np.arange(20, dtype=np.float64))
    shared = np.array([1.0, 3.0, 2.0, 3.0, 3.0, 1.0, 3.0, 2.0, 4.0, 3.0])
    return [
        Case(
            "the statement's example",
            call="time_based_split",
            args=(np.array([2007.5, 2006.0, 2008.0, 2007.5, 2006.5]), 0.4),
        ),
        Case("20 distinct dates, shuffled", call="time_based_split", args=(shuffled, 0.25)),
        Case("the cutoff month is shared by five rows", call="time_based_split", args=(shared, 0.2)),
        Case(
            "equal dates keep their order",
            call="time_based_split",
            args=(np.array([5.0, 1.0, 5.0, 1.0, 5.0, 9.0]), 0.5),
        ),
        Case("valid_fraction = 0: nothing to validate", call="time_based_split", args=(shuffled, 0.0)),
        Case("a single row", call="time_based_split", args=(np.array([2009.0]), 0.3)),
        Case("2,930 sale dates", call="time_based_split", args=(ames_like, 0.15)),
    ]

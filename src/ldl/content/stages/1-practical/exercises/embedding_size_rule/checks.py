"""Checks for embedding_size_rule: the statement's example, 30 of the categorical columns of Ames,
cardinalities where truncating and rounding differ, huge columns that hit the cap, a smaller
max_size, a single column and no columns at all. `cardinalities` must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case

AMES = [16, 7, 2, 3, 4, 4, 3, 5, 3, 28, 9, 8, 5, 8, 9, 5, 6, 8, 16, 17, 5, 5, 6, 6, 5, 7, 7, 5, 6, 2]


def cases():
    return [
        Case("Neighborhood and a yes/no column", call="embedding_sizes", args=(np.array([28, 2]),)),
        Case("30 columns of the Ames data", call="embedding_sizes", args=(np.array(AMES),)),
        Case("where truncating is wrong", call="embedding_sizes", args=(np.array([1, 2, 6, 13, 40, 99]),)),
        Case(
            "a million categories hit the cap",
            call="embedding_sizes",
            args=(np.array([3, 1_000_000, 500_000]),),
        ),
        Case(
            "a smaller cap",
            call="embedding_sizes",
            args=(np.array([10, 1000, 100_000]),),
            kwargs={"max_size": 50},
        ),
        Case("a single column", call="embedding_sizes", args=(np.array([4]),)),
        Case("no categorical columns", call="embedding_sizes", args=(np.zeros(0, dtype=np.int64),)),
    ]

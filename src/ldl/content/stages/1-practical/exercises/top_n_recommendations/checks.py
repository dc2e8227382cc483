"""Checks for top_n_recommendations: predicted ratings (two ranges), ranking, skipping seen items,
ties, and asking for more items than remain."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(8)
    items, user = rng.normal(size=(30, 5)), rng.normal(size=5)
    biases = rng.normal(size=30) * 0.3
    tied = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    return [
        Case("ratings for 30 items", call="predict_ratings", args=(user, 0.2, items, biases)),
        Case(
            "ratings in a (1, 5) range",
            call="predict_ratings",
            args=(user, -0.1, items, biases),
            kwargs={"y_range": (1.0, 5.0)},
        ),
        Case("top 5, nothing seen", call="recommend", args=(user, 0.2, items, biases, [], 5)),
        Case(
            "top 5, skipping seen items", call="recommend", args=(user, 0.2, items, biases, [3, 17, 4, 25], 5)
        ),
        Case(
            "ties keep the lower index first",
            call="recommend",
            args=(np.array([1.0, 1.0]), 0.0, tied, np.zeros(4), [], 4),
        ),
        Case("more than remain", call="recommend", args=(user, 0.0, items[:4], biases[:4], [0, 2], 10)),
    ]

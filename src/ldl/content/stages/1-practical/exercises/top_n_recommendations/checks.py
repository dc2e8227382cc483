"""Checks for top_n_recommendations: predicted ratings (the default range and y_range=(1, 5)),
400,000 items scored within 5 times the reference's time (no Python loop over items), ranking,
skipping seen items (including item 0, the best one), ties (lower index first), n=0,
a single item, and asking for more items than remain. The caller's arrays and `seen` list must
come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(8)
    items, user = rng.normal(size=(30, 5)), rng.normal(size=5)
    biases = rng.normal(size=30) * 0.3
    many_items, many_biases = rng.normal(size=(400_000, 5)), rng.normal(size=400_000) * 0.3
    tied = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    return [
        Case("ratings for 30 items", call="predict_ratings", args=(user, 0.2, items, biases)),
        Case(
            "ratings in a (1, 5) range",
            call="predict_ratings",
            args=(user, -0.1, items, biases),
            kwargs={"y_range": (1.0, 5.0)},
        ),
        Case(
            "ratings for 400,000 items, vectorised",
            call="predict_ratings",
            args=(user, 0.2, many_items, many_biases),
            show_input=False,
            time_factor=5.0,
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
        Case("item 0 is the best, and seen", probe="probe_best_seen", args=(user, items, biases)),
        Case("n=0 asks for nothing", call="recommend", args=(user, 0.2, items, biases, [1], 0)),
        Case("a single item", call="recommend", args=(user, 0.2, items[:1], biases[:1], [], 3)),
        Case("more than remain", call="recommend", args=(user, 0.0, items[:4], biases[:4], [0, 2], 10)),
    ]


def probe_best_seen(module, user, items, biases):
    """Make item 0 the best-rated by far, mark it seen: it must not come back."""
    boosted = biases.copy()
    boosted[0] = 50.0
    return module.recommend(user, 0.2, items, boosted, [0, 5], 6)

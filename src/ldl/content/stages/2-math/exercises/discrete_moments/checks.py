"""Checks for discrete_moments: a die (also with integer faces), a loaded coin, a random
distribution, a certain outcome, a single value, and a distribution far from zero where
E[X²] − E[X]² loses digits. The caller's arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(8)
    weights = rng.random(7)
    far = np.array([1e8, 1e8 + 1, 1e8 + 2])
    return [
        Case("a fair die", call="mean_and_variance", args=(np.arange(1.0, 7.0), np.full(6, 1 / 6))),
        Case("a loaded coin", call="mean_and_variance", args=(np.array([0.0, 1.0]), np.array([0.1, 0.9]))),
        Case(
            "a random distribution on 7 values",
            call="mean_and_variance",
            args=(rng.normal(size=7) * 3, weights / weights.sum()),
        ),
        Case(
            "a certain outcome", call="mean_and_variance", args=(np.array([2.0, 5.0]), np.array([0.0, 1.0]))
        ),
        Case(
            "a fair die, integer faces", call="mean_and_variance", args=(np.arange(1, 7), np.full(6, 1 / 6))
        ),
        Case("a single value", call="mean_and_variance", args=(np.array([-3.0]), np.array([1.0]))),
        Case("values near 10⁸", call="mean_and_variance", args=(far, np.array([0.25, 0.5, 0.25])), rtol=1e-4),
    ]

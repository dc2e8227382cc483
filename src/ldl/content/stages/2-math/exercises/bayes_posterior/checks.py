"""Checks for bayes_posterior: fair and biased coins, random hypotheses, and the disease test."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(4)
    prior = rng.random(5)
    return [
        Case(
            "fair or two-headed coin, saw heads",
            call="posterior",
            args=(np.array([0.5, 0.5]), np.array([0.5, 1.0])),
        ),
        Case("five hypotheses", call="posterior", args=(prior / prior.sum(), rng.random(5))),
        Case(
            "evidence impossible under one hypothesis",
            call="posterior",
            args=(np.array([0.2, 0.3, 0.5]), np.array([0.0, 0.4, 0.1])),
        ),
        Case("rare disease, good test", call="disease_test", args=(0.01, 0.99, 0.95)),
        Case("common condition", call="disease_test", args=(0.3, 0.8, 0.9)),
    ]

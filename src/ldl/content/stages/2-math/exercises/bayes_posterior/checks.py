"""Checks for bayes_posterior: fair and biased coins, random hypotheses, evidence impossible under
one hypothesis, a single hypothesis, 0/1 integer likelihoods, equal likelihoods (the posterior is
the prior), and the disease test, including prevalence 0 and 1. The caller's prior and likelihood
must come back unchanged, and the posterior must be a new array."""

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
        Case("a single hypothesis", call="posterior", args=(np.array([1.0]), np.array([0.3]))),
        Case(
            "integer 0/1 likelihoods",
            call="posterior",
            args=(np.array([0.1, 0.2, 0.3, 0.4]), np.array([1, 0, 1, 0])),
        ),
        Case(
            "equal likelihoods leave the prior as it was",
            call="posterior",
            args=(np.array([0.6, 0.3, 0.1]), np.full(3, 0.25)),
        ),
        Case("rare disease, good test", call="disease_test", args=(0.01, 0.99, 0.95)),
        Case("common condition", call="disease_test", args=(0.3, 0.8, 0.9)),
        Case("nobody is sick", call="disease_test", args=(0.0, 0.99, 0.95)),
        Case("everybody is sick", call="disease_test", args=(1.0, 0.99, 0.95)),
    ]

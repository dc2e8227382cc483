"""Checks for gaussian_log_likelihood: one point, a small sample (right and wrong mean), an integer
sample with an integer mean, a sample too large for the product form (100,000 points, whose
product of densities underflows to 0), a tiny sigma, and the fact that the true parameters score
higher than wrong ones. The caller's sample must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(6)
    small = rng.normal(2.0, 0.5, size=8)
    big = rng.normal(-1.0, 3.0, size=100_000)
    return [
        Case("one point at the mean", call="gaussian_log_likelihood", args=(np.array([0.0]), 0.0, 1.0)),
        Case("8 points, sigma 0.5", call="gaussian_log_likelihood", args=(small, 2.0, 0.5)),
        Case("8 points, wrong mean", call="gaussian_log_likelihood", args=(small, 0.0, 2.0)),
        Case(
            "integers: x = [1, 2, 4], mu 2, sigma 3",
            call="gaussian_log_likelihood",
            args=(np.array([1, 2, 4]), 2, 3),
        ),
        Case("a tiny sigma", call="gaussian_log_likelihood", args=(small, 2.0, 1e-3)),
        Case("100,000 points", call="gaussian_log_likelihood", args=(big, -1.0, 3.0), show_input=False),
        Case("the true parameters score best", probe="probe_ranking", args=(big,), show_input=False),
    ]


def probe_ranking(module, x):
    scores = [
        module.gaussian_log_likelihood(x, mu, sigma) for mu, sigma in [(-1.0, 3.0), (0.0, 3.0), (-1.0, 1.0)]
    ]
    return {"best is the truth": bool(np.argmax(scores) == 0)}

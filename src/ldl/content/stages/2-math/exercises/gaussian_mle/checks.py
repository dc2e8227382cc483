"""Checks for gaussian_mle: the worked examples, integer 0/1 flips, all heads and all tails, small
random samples (where N and N − 1 differ), integer samples, a sample of one point (variance 0),
and a check that the answer really maximises the Gaussian log-likelihood. The caller's sample must
come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(9)
    flips = (rng.random(13) < 0.3).astype(np.float64)
    small = rng.normal(5.0, 2.0, size=6)
    return [
        Case("Bernoulli: 1, 0, 1, 1", call="bernoulli_mle", args=(np.array([1.0, 0.0, 1.0, 1.0]),)),
        Case("Bernoulli: 13 flips", call="bernoulli_mle", args=(flips,)),
        Case(
            "Bernoulli: integer flips 0, 1, 1, 0, 1", call="bernoulli_mle", args=(np.array([0, 1, 1, 0, 1]),)
        ),
        Case("Bernoulli: all tails", call="bernoulli_mle", args=(np.zeros(4),)),
        Case("Bernoulli: all heads", call="bernoulli_mle", args=(np.ones(3),)),
        Case("Gaussian: 1 and 3", call="gaussian_mle", args=(np.array([1.0, 3.0]),)),
        Case("Gaussian: 6 points", call="gaussian_mle", args=(small,)),
        Case("Gaussian: integers 2, 4, 4, 5", call="gaussian_mle", args=(np.array([2, 4, 4, 5]),)),
        Case("Gaussian: a single point", call="gaussian_mle", args=(np.array([7.5]),)),
        Case("nudging the answer lowers the likelihood", probe="probe_is_maximum", args=(small,)),
    ]


def _log_likelihood(x, mu, var):
    return -0.5 * len(x) * np.log(2 * np.pi * var) - np.sum((x - mu) ** 2) / (2 * var)


def probe_is_maximum(module, x):
    mu, var = module.gaussian_mle(x)
    best = _log_likelihood(x, mu, var)
    nudged = [_log_likelihood(x, mu + dm, var * dv) for dm in (-0.01, 0.0, 0.01) for dv in (0.99, 1.0, 1.01)]
    return {"no nudge does better": bool(all(best >= value - 1e-12 for value in nudged))}

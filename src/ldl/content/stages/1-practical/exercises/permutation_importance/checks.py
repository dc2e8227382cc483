"""Checks for permutation_importance, through probes that build the model's `predict`: a linear
model (with columns it ignores, which must score exactly 0), three repeats, a nonlinear model with
an interaction, a single row (nothing to shuffle), and the exact use of the generator passed in
(the same seed must give the reference's numbers). X and y must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(21)
    X = rng.normal(size=(200, 5))  # (N, F)
    weights = np.array([3.0, 0.0, -1.0, 0.5, 0.0])
    y = X @ weights + 0.1 * rng.normal(size=200)
    X_small = rng.normal(size=(12, 3))
    y_inter = X_small[:, 0] * X_small[:, 1] + rng.normal(size=12) * 0.01
    return [
        Case("a linear model, one shuffle per column", probe="probe_linear", args=(X, y, weights, 0, 1)),
        Case("the same, three repeats", probe="probe_linear", args=(X, y, weights, 1, 3)),
        Case("another seed, another answer", probe="probe_linear", args=(X, y, weights, 7, 2)),
        Case("an interaction x0 * x1", probe="probe_interaction", args=(X_small, y_inter, 3)),
        Case("a single row", probe="probe_linear", args=(X[:1], y[:1], weights, 0, 2)),
        Case("ignored columns score exactly 0", probe="probe_ignored", args=(X, y, weights)),
    ]


def probe_linear(module, X, y, weights, seed, n_repeats):
    """predict(X) = X @ weights, a fresh generator seeded with `seed`."""
    return module.permutation_importance(
        lambda data: data @ weights, X, y, np.random.default_rng(seed), n_repeats
    )


def probe_interaction(module, X, y, seed):
    """predict(X) = X[:, 0] * X[:, 1]: neither column helps alone, both matter."""
    return module.permutation_importance(
        lambda data: data[:, 0] * data[:, 1], X, y, np.random.default_rng(seed), n_repeats=2
    )


def probe_ignored(module, X, y, weights):
    """Which columns come out exactly 0, and are the used ones positive?"""
    found = module.permutation_importance(lambda data: data @ weights, X, y, np.random.default_rng(3), 2)
    return {"exactly_zero": [bool(v == 0.0) for v in found], "positive": [bool(v > 0) for v in found]}

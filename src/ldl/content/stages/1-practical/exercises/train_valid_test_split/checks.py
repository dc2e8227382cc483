"""Checks for train_valid_test_split: each answer is judged against the rules of statement.md
(any shuffle drawn from the seed passes, not only the reference's) on the statement's example,
sizes that do not divide evenly, an empty test set, a tiny dataset and a Fashion-MNIST-sized one."""

import math

import numpy as np

from ldl.grading.spec import Case

# (n, valid_fraction, test_fraction, seed)
SPLITS = [
    (10, 0.2, 0.3, 0),
    (1001, 0.1, 0.1, 1),
    (37, 0.15, 0.25, 2),
    (12, 0.25, 0.0, 3),
    (3, 0.34, 0.34, 4),
    (70000, 1 / 7, 1 / 7, 5),
]


def cases():
    return [
        Case(
            f"n = {n}, valid {vf:.3g}, test {tf:.3g}, seed {seed}",
            probe="probe_split",
            args=(n, vf, tf, seed),
        )
        for n, vf, tf, seed in SPLITS
    ]


def held_out_size_ok(size: int, n: int, fraction: float) -> bool:
    """The statement's rounding: the whole number just below or just above n * fraction."""
    return math.floor(n * fraction) <= size <= math.ceil(n * fraction)


def probe_split(module, n, valid_fraction, test_fraction, seed):
    """Judge the split on each rule; returns the verdict on each."""
    parts = module.train_valid_test_split(n, valid_fraction, test_fraction, seed)
    if not (isinstance(parts, tuple) and len(parts) == 3):
        return {"a tuple of three arrays": False, "value": repr(parts)[:80]}
    if not all(
        isinstance(p, np.ndarray) and p.ndim == 1 and np.issubdtype(p.dtype, np.integer) for p in parts
    ):
        return {"a tuple of three arrays": True, "1-D integer arrays": False}
    train, valid, test = parts
    joined = np.concatenate(parts)
    again = module.train_valid_test_split(n, valid_fraction, test_fraction, seed)
    other = module.train_valid_test_split(n, valid_fraction, test_fraction, seed + 1000)
    return {
        "a tuple of three arrays": True,
        "1-D integer arrays": True,
        "each sorted": all(bool(np.all(np.diff(p) > 0)) for p in parts),
        "validation size": held_out_size_ok(len(valid), n, valid_fraction),
        "test size": held_out_size_ok(len(test), n, test_fraction),
        "disjoint": len(np.unique(joined)) == len(joined),
        "every position used": bool(np.array_equal(np.unique(joined), np.arange(n))),
        "the same seed gives the same split": all(np.array_equal(a, b) for a, b in zip(parts, again)),
        "another seed gives another split": n < 10
        or not all(np.array_equal(a, b) for a, b in zip(parts, other)),
    }

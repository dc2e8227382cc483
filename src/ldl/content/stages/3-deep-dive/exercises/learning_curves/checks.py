"""Checks for learning_curves: the statement's example; the earliest of equal minima, a best epoch
at 0 and at the end, a single epoch; the gap at the best epoch rather than the last; overfitting
judged against the best validation loss (not the first, not the training curve) and relatively (a
rise that is large in absolute terms on a loss of 2.3 is within 5%); a non-default tolerance;
overfitting before underfitting when both hold; underfitting and a good fit on curves that never
turn. The caller's arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case

TRAIN = np.array([1.20, 0.60, 0.40, 0.25, 0.15])
VALID = np.array([1.25, 0.70, 0.55, 0.58, 0.66])


def cases():
    flat = np.array([2.50, 2.40, 2.35, 2.31, 2.30])  # high and still falling: underfitting
    flat_valid = np.array([2.50, 2.42, 2.36, 2.33, 2.32])
    good = np.array([0.90, 0.40, 0.22, 0.15, 0.12])
    good_valid = np.array([0.95, 0.50, 0.35, 0.31, 0.32])  # 0.32 < 1.05 x 0.31: still at its best
    noisy = np.array([2.50, 2.30, 2.30, 2.38, 2.39])  # +0.09 absolute, +3.9% relative
    below_first = np.array([3.00, 0.50, 0.60, 0.70, 0.80])  # climbed, though still below epoch 0
    return [
        Case("the statement's example", call="best_epoch", args=(VALID,)),
        Case("the earliest of equal minima", call="best_epoch", args=(np.array([0.9, 0.5, 0.7, 0.5, 0.6]),)),
        Case("best at the first epoch", call="best_epoch", args=(np.array([0.4, 0.5, 0.6]),)),
        Case("best at the last epoch", call="best_epoch", args=(good,)),
        Case("one epoch", call="best_epoch", args=(np.array([0.7]),)),
        Case("the statement's gap", call="gap_at_best", args=(TRAIN, VALID)),
        Case("the gap where validation is best", call="gap_at_best", args=(good, good_valid)),
        Case("the statement's diagnosis", call="diagnose", args=(TRAIN, VALID, 0.3)),
        Case("overfitting, judged against the best", call="diagnose", args=(good, below_first, 0.3)),
        Case("a small relative rise is noise", call="diagnose", args=(flat, noisy, 3.0)),
        Case("a stricter tolerance", call="diagnose", args=(flat, noisy, 3.0), kwargs={"tolerance": 0.01}),
        Case("overfitting comes before underfitting", call="diagnose", args=(TRAIN, VALID, 0.1)),
        Case("underfitting", call="diagnose", args=(flat, flat_valid, 0.5)),
        Case("a good fit", call="diagnose", args=(good, good_valid, 0.2)),
        Case("one epoch, a good fit", call="diagnose", args=(np.array([0.1]), np.array([0.2]), 0.2)),
    ]

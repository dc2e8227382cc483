"""Checks for skipgram_negative_sampling: a vocabulary of 10 with d = 4, B = 6 pairs and K = 3 negatives
where ids repeat (within centres, within contexts, and between contexts and negatives); all pairs with
the same centre word; K = 1; a batch of one; scores of about ±1000 (stable softplus required). The
tables and id arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(53)
    center, context = rng.normal(size=(10, 4)) * 0.5, rng.normal(size=(10, 4)) * 0.5
    centers = np.array([1, 3, 1, 7, 2, 1])
    contexts = np.array([2, 2, 5, 1, 9, 0])
    negatives = np.array([[4, 2, 8], [0, 0, 6], [9, 3, 2], [5, 5, 5], [1, 2, 3], [7, 8, 9]])
    huge_center = np.array([[40.0, 0.0], [0.0, 40.0], [30.0, -30.0]])
    huge_context = np.array([[25.0, 0.0], [0.0, -25.0], [-25.0, 25.0]])
    return [
        Case(
            "B=6, K=3, repeated ids",
            call="skipgram_loss_and_grads",
            args=(center, context, centers, contexts, negatives),
        ),
        Case(
            "every pair has the same centre",
            call="skipgram_loss_and_grads",
            args=(center, context, np.full(4, 5), np.array([1, 2, 3, 4]), rng.integers(0, 10, size=(4, 2))),
        ),
        Case(
            "K = 1",
            call="skipgram_loss_and_grads",
            args=(center, context, np.array([0, 9]), np.array([9, 0]), np.array([[3], [3]])),
        ),
        Case(
            "a batch of one",
            call="skipgram_loss_and_grads",
            args=(center, context, np.array([4]), np.array([6]), np.array([[1, 2]])),
        ),
        Case(
            "scores of about ±1000",
            call="skipgram_loss_and_grads",
            args=(
                huge_center,
                huge_context,
                np.array([0, 1, 2]),
                np.array([1, 0, 2]),
                np.array([[0], [1], [2]]),
            ),
        ),
    ]

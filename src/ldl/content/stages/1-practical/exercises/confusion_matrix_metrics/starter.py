"""A confusion matrix and the per-class numbers read from it. See statement.md (`ldl` shows it)."""

import numpy as np


def confusion_matrix(targets: np.ndarray, predictions: np.ndarray, num_classes: int) -> np.ndarray:
    """(C, C) int64 counts: entry [t, c] = how many examples of true class t were predicted as c."""
    raise NotImplementedError


def precision_recall(matrix: np.ndarray) -> tuple:
    """(precision, recall), each (C,): diagonal / column sums and diagonal / row sums (0 where a sum is 0)."""
    raise NotImplementedError


def most_confused(matrix: np.ndarray, k: int) -> list:
    """The k largest off-diagonal (true, predicted, count) triples, largest first, zero counts skipped."""
    raise NotImplementedError

"""Reference solution for confusion_matrix_metrics."""

import numpy as np


def confusion_matrix(targets, predictions, num_classes):
    """(C, C) int64 counts: entry [t, c] = how many examples of true class t were predicted as c."""
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(targets), np.asarray(predictions)), 1)  # repeated pairs add up
    return matrix


def _safe_divide(numerator, denominator):
    return np.divide(numerator, denominator, out=np.zeros(len(numerator)), where=denominator > 0)


def precision_recall(matrix):
    """(precision, recall), each (C,): diagonal / column sums and diagonal / row sums."""
    correct = np.diag(matrix).astype(float)
    return _safe_divide(correct, matrix.sum(axis=0)), _safe_divide(correct, matrix.sum(axis=1))


def most_confused(matrix, k):
    """The k largest off-diagonal (true, predicted, count) triples, largest first."""
    pairs = [
        (int(t), int(c), int(matrix[t, c]))
        for t in range(len(matrix))
        for c in range(len(matrix))
        if t != c and matrix[t, c] > 0
    ]  # row-major order; sorted() is stable, so equal counts keep it
    return sorted(pairs, key=lambda triple: -triple[2])[:k]

"""For a class that is never predicted (or never present) you divide 0 by 0, and numpy answers nan
with an "invalid value" warning. The statement defines precision and recall as 0 there: divide
only where the sum is positive, `np.divide(correct, sums, out=np.zeros(len(correct)), where=sums > 0)`."""

import numpy as np


def confusion_matrix(targets, predictions, num_classes):
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(targets), np.asarray(predictions)), 1)
    return matrix


def precision_recall(matrix):
    correct = np.diag(matrix).astype(float)
    return correct / matrix.sum(axis=0), correct / matrix.sum(axis=1)


def most_confused(matrix, k):
    pairs = [
        (t, c, int(matrix[t, c]))
        for t in range(len(matrix))
        for c in range(len(matrix))
        if t != c and matrix[t, c] > 0
    ]
    return sorted(pairs, key=lambda triple: -triple[2])[:k]

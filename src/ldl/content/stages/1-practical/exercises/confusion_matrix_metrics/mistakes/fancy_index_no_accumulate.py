"""Your counts stop at 1: `matrix[targets, predictions] += 1` with fancy indexing adds 1 once per
*distinct* (target, prediction) pair, because repeated index pairs do not accumulate. Use
`np.add.at(matrix, (targets, predictions), 1)`, which adds 1 for every example."""

import numpy as np


def confusion_matrix(targets, predictions, num_classes):
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    matrix[np.asarray(targets), np.asarray(predictions)] += 1
    return matrix


def precision_recall(matrix):
    correct = np.diag(matrix).astype(float)
    cols, rows = matrix.sum(axis=0), matrix.sum(axis=1)
    precision = np.divide(correct, cols, out=np.zeros(len(correct)), where=cols > 0)
    recall = np.divide(correct, rows, out=np.zeros(len(correct)), where=rows > 0)
    return precision, recall


def most_confused(matrix, k):
    pairs = [
        (t, c, int(matrix[t, c]))
        for t in range(len(matrix))
        for c in range(len(matrix))
        if t != c and matrix[t, c] > 0
    ]
    return sorted(pairs, key=lambda triple: -triple[2])[:k]

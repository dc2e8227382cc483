"""Rows and columns are swapped. By convention (and in fastai and scikit-learn) the row is the
true class and the column the prediction: count into matrix[target, prediction]. Recall then
divides by row sums and precision by column sums."""

import numpy as np


def confusion_matrix(targets, predictions, num_classes):
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(predictions), np.asarray(targets)), 1)
    return matrix


def precision_recall(matrix):
    correct = np.diag(matrix).astype(float)
    rows, cols = matrix.sum(axis=1), matrix.sum(axis=0)
    precision = np.divide(correct, rows, out=np.zeros(len(correct)), where=rows > 0)
    recall = np.divide(correct, cols, out=np.zeros(len(correct)), where=cols > 0)
    return precision, recall


def most_confused(matrix, k):
    pairs = [
        (c, t, int(matrix[t, c]))
        for t in range(len(matrix))
        for c in range(len(matrix))
        if t != c and matrix[t, c] > 0
    ]
    return sorted(pairs, key=lambda triple: -triple[2])[:k]

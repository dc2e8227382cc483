"""Checks for confusion_matrix_metrics: the statement's example, a 10-class matrix shaped like
Fashion-MNIST's, classes never predicted or never present, and the most-confused pairs."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(3)
    targets = rng.integers(0, 10, size=500)
    predictions = np.where(rng.random(500) < 0.8, targets, rng.integers(0, 10, size=500))
    matrix = np.zeros((10, 10), dtype=np.int64)
    np.add.at(matrix, (targets, predictions), 1)
    lopsided = np.array([[5, 0, 3], [2, 0, 0], [0, 0, 0]])  # class 1 never predicted, 2 never present
    small_t, small_p = np.array([0, 0, 1, 1, 1, 2]), np.array([0, 1, 1, 1, 0, 1])
    return [
        Case("the statement's example", call="confusion_matrix", args=(small_t, small_p, 3)),
        Case("500 examples, 10 classes", call="confusion_matrix", args=(targets, predictions, 10)),
        Case(
            "a class that never occurs still gets a row", call="confusion_matrix", args=(small_t, small_p, 5)
        ),
        Case("precision and recall, 10 classes", call="precision_recall", args=(matrix,)),
        Case("never predicted / never present give 0", call="precision_recall", args=(lopsided,)),
        Case("the 5 most confused pairs", call="most_confused", args=(matrix, 5)),
        Case("ties in row-major order, zeros skipped", call="most_confused", args=(lopsided, 4)),
    ]

"""Checks for confusion_matrix_metrics: the statement's example, a 10-class matrix shaped like
Fashion-MNIST's (500 examples, so the same pair repeats and must add up), a class that never
occurs, an empty batch, the int64 dtype of the counts; precision and recall with classes never
predicted or never present (0, without a division warning) and from a one-class matrix; the most
confused pairs with ties in row-major order, zeros skipped, class 0 included, k=0 and k beyond the
pairs there are. The caller's arrays must come back unchanged."""

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
        Case(
            "an empty batch",
            call="confusion_matrix",
            args=(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 3),
        ),
        Case("precision and recall, 10 classes", call="precision_recall", args=(matrix,)),
        Case("never predicted / never present give 0", call="precision_recall", args=(lopsided,)),
        Case("precision and recall, one class", call="precision_recall", args=(np.array([[4]]),)),
        Case("the 5 most confused pairs", call="most_confused", args=(matrix, 5)),
        Case("ties in row-major order, zeros skipped", call="most_confused", args=(lopsided, 4)),
        Case("class 0 as the prediction", call="most_confused", args=(np.array([[3, 0], [7, 1]]), 2)),
        Case("k=0 asks for nothing", call="most_confused", args=(matrix, 0)),
    ]

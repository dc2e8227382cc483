"""Your table sizes are one short: fastai keeps an extra row, `#na#`, for missing values and for
categories never seen in training. Use n = cardinality + 1, both as the number of rows and in the
width formula."""

import numpy as np


def embedding_sizes(cardinalities, max_size=600):
    rows = np.asarray(cardinalities, dtype=np.int64)
    widths = np.minimum(max_size, np.round(1.6 * rows.astype(np.float64) ** 0.56)).astype(np.int64)
    return np.stack([rows, widths], axis=1)

"""Some widths are one too small: converting with `astype(int)` (or `int(...)`) cuts off the
fraction, so 2.96 becomes 2. Round to the nearest integer first with `np.round`, then convert."""

import numpy as np


def embedding_sizes(cardinalities, max_size=600):
    rows = np.asarray(cardinalities, dtype=np.int64) + 1
    widths = np.minimum(max_size, 1.6 * rows.astype(np.float64) ** 0.56).astype(np.int64)
    return np.stack([rows, widths], axis=1)

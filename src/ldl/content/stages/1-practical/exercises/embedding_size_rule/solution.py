"""Reference solution for embedding_size_rule."""

import numpy as np


def embedding_sizes(cardinalities, max_size=600):
    """(C, 2) int64: row c is [n, min(max_size, round(1.6 * n ** 0.56))], n = cardinalities[c] + 1."""
    rows = np.asarray(cardinalities, dtype=np.int64) + 1  # (C,) one extra row for "#na#"
    widths = np.minimum(max_size, np.round(1.6 * rows.astype(np.float64) ** 0.56)).astype(np.int64)  # (C,)
    return np.stack([rows, widths], axis=1)  # (C, 2)

"""You added the `#na#` row with `cardinalities += 1`, which changes the caller's array: call it
twice and every column grows again. Make a new array: `rows = cardinalities + 1`."""

import numpy as np


def embedding_sizes(cardinalities, max_size=600):
    cardinalities += 1
    widths = np.minimum(max_size, np.round(1.6 * cardinalities.astype(np.float64) ** 0.56)).astype(np.int64)
    return np.stack([cardinalities.astype(np.int64), widths], axis=1)

"""Your widths grow without limit (a column with a million categories gets a vector of thousands
of numbers). Cap them: `np.minimum(max_size, ...)`, with the `max_size` the caller passed."""

import numpy as np


def embedding_sizes(cardinalities, max_size=600):
    rows = np.asarray(cardinalities, dtype=np.int64) + 1
    widths = np.round(1.6 * rows.astype(np.float64) ** 0.56).astype(np.int64)
    return np.stack([rows, widths], axis=1)

"""fastai's rule of thumb for embedding widths. See statement.md (`ldl` shows it)."""

import numpy as np


def embedding_sizes(cardinalities: np.ndarray, max_size: int = 600) -> np.ndarray:
    """(C, 2) int64: row c is [n, min(max_size, round(1.6 * n ** 0.56))], n = cardinalities[c] + 1."""
    raise NotImplementedError

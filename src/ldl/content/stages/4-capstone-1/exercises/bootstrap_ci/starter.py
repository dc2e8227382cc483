"""A bootstrap confidence interval. See statement.md."""

import numpy as np


def bootstrap_ci(values: np.ndarray, resamples: int = 2000, confidence: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """(low, high): the percentile bootstrap interval of the mean of `values` (n,).

    Resamples drawn as rng.integers(0, n, size=(resamples, n)) with rng = default_rng(seed).
    """
    raise NotImplementedError

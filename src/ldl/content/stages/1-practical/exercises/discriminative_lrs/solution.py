"""Reference solution for discriminative_lrs."""

import numpy as np


def discriminative_lrs(lo: float | None, hi: float, num_groups: int) -> np.ndarray:
    """(num_groups,) learning rates, input side first: lr_g = lo * (hi / lo) ** (g / (G - 1))."""
    if num_groups == 1:
        return np.array([float(hi)])
    if lo is None:
        return np.array([hi / 10] * (num_groups - 1) + [hi], dtype=float)
    steps = np.arange(num_groups) / (num_groups - 1)  # (G,) from 0 to 1
    return lo * (hi / lo) ** steps  # the same factor between neighbours

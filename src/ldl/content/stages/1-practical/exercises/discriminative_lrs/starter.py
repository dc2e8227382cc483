"""Discriminative learning rates for layer groups. See statement.md (`ldl` shows it)."""

import numpy as np


def discriminative_lrs(lo: float | None, hi: float, num_groups: int) -> np.ndarray:
    """(num_groups,) learning rates, input side first: lr_g = lo * (hi / lo) ** (g / (G - 1)).

    lo None: hi / 10 for every group but the last, which gets hi. One group: [hi].
    """
    raise NotImplementedError

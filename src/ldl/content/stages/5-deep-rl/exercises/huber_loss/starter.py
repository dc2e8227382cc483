"""The Huber loss and its gradient. See statement.md."""

import numpy as np


def huber_loss(td_errors: np.ndarray, delta: float = 1.0) -> tuple[float, np.ndarray]:
    """Mean Huber loss over all entries, and its gradient (same shape and dtype as td_errors)."""
    raise NotImplementedError

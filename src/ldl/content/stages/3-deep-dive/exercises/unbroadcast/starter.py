"""Sum a gradient back to the shape of an input that numpy broadcast. See statement.md."""

import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum `grad` (the broadcast output's shape) over the axes broadcasting added or stretched.

    Returns an array of shape exactly `shape`.
    """
    raise NotImplementedError

"""Your product is in the opposite order. Applying A₁ and then A₂ sends x to A₂(A₁x), so the
first map sits on the right: multiply each new map on the left of what you have so far."""

import numpy as np


def rotation(theta: float) -> np.ndarray:
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def compose(maps: list[np.ndarray]) -> np.ndarray:
    result = np.eye(len(maps[0]))
    for matrix in maps:
        result = result @ matrix
    return result

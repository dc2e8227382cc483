"""Reference solution: matrix products as composition."""

import numpy as np


def rotation(theta: float) -> np.ndarray:
    """The (2, 2) matrix rotating the plane counter-clockwise by `theta` radians."""
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def compose(maps: list[np.ndarray]) -> np.ndarray:
    """One (n, n) matrix doing maps[0] first, then maps[1], ...: maps[-1] @ ... @ maps[0]."""
    result = np.eye(len(maps[0]))
    for matrix in maps:
        result = matrix @ result  # the newest map goes on the left
    return result

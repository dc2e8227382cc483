"""Your product is right, but for a single map you returned the caller's matrix itself (starting
from `result = maps[0]`): whoever changes the composed map later would change their map too.
Start from a new matrix, `np.eye(n)`, and multiply each map on the left."""

import numpy as np


def rotation(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def compose(maps):
    result = maps[0]
    for matrix in maps[1:]:
        result = matrix @ result
    return result

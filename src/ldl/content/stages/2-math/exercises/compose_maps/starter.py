"""Matrix products as composition. See statement.md."""

import numpy as np


def rotation(theta: float) -> np.ndarray:
    """The (2, 2) matrix rotating the plane counter-clockwise by `theta` radians."""
    raise NotImplementedError


def compose(maps: list[np.ndarray]) -> np.ndarray:
    """One (n, n) matrix doing maps[0] first, then maps[1], ...: maps[-1] @ ... @ maps[0]."""
    raise NotImplementedError

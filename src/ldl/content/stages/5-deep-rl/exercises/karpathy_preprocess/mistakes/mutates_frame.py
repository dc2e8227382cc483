"""Your output is right, but you erased the background in the caller's frame itself (a slice of a
numpy array is a view). The environment or a video recorder may still need the frame: work on a
copy or build a new array."""

import numpy as np


def preprocess(frame):
    x = frame[35:195, :, 0][::2, ::2]
    x[(x == 144) | (x == 109)] = 0
    x[x != 0] = 1
    return x.astype(np.float32).ravel()


def difference_frame(current, previous):
    processed = preprocess(current)
    return (np.zeros_like(processed) if previous is None else processed - previous), processed

"""Your output is uint8. Difference frames need negative values (-1 where the ball was), which
uint8 wraps to 255: return float32."""

import numpy as np


def preprocess(frame):
    x = frame[35:195, :, 0][::2, ::2]
    return np.where((x == 144) | (x == 109), 0, 1).astype(np.uint8).ravel()


def difference_frame(current, previous):
    processed = preprocess(current)
    return (np.zeros_like(processed) if previous is None else processed - previous), processed

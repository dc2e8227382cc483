"""Outside |x| > delta your loss is delta * |x|, which jumps at |x| = delta (0.5 delta^2 on one side,
delta^2 on the other). Subtract half a delta: delta * (|x| - 0.5 * delta) makes the two pieces meet."""

import numpy as np


def huber_loss(td_errors, delta=1.0):
    x = td_errors
    per_entry = np.where(np.abs(x) <= delta, 0.5 * x**2, delta * np.abs(x))
    return float(np.mean(per_entry)), (np.clip(x, -delta, delta) / x.size).astype(x.dtype)

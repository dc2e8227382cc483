"""You always use delta = 1, whatever the caller passes. Both the switch point and the slope of
the linear part are `delta`."""

import numpy as np


def huber_loss(td_errors, delta=1.0):
    x = td_errors
    per_entry = np.where(np.abs(x) <= 1.0, 0.5 * x**2, np.abs(x) - 0.5)
    return float(np.mean(per_entry)), (np.clip(x, -1.0, 1.0) / x.size).astype(x.dtype)

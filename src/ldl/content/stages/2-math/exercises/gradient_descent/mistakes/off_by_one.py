"""Your path is missing a row: after num_steps updates there are num_steps + 1 points, because row 0
is x0 itself (before any step). Put x0 in the list first, then append one point per step."""

import numpy as np


def gradient_descent(grad, x0, lr, num_steps):
    x = np.array(x0, dtype=np.float64)
    path = []
    for _ in range(num_steps):
        x = x - lr * grad(x)
        path.append(x)
    return np.array(path).reshape(num_steps, len(x))

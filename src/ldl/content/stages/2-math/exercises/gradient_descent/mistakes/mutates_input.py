"""Your path is right, but you stepped the caller's x0 in place (`x = x0; x -= lr * grad(x)`):
`x = x0` does not copy, so after your call their starting point has moved to your last point.
Start from a copy, `x = np.array(x0, dtype=float)`, or write `x = x - lr * grad(x)`, which makes
a new array each step."""

import numpy as np


def gradient_descent(grad, x0, lr, num_steps):
    x = x0
    path = [x.copy()]
    for _ in range(num_steps):
        x -= lr * grad(x)
        path.append(x.copy())
    return np.stack(path)

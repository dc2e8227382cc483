"""Every row of your path is the same point: you appended one array and then updated it in place
(`x -= ...`), so all the list's entries are that one array, showing its final value. Append a
copy (`path.append(x.copy())`), or update with `x = x - lr * grad(x)`, which makes a new array
each step."""

import numpy as np


def gradient_descent(grad, x0, lr, num_steps):
    x = np.array(x0, dtype=np.float64)
    path = [x]
    for _ in range(num_steps):
        x -= lr * grad(x)
        path.append(x)
    return np.stack(path)

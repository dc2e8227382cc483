"""Your gradient is right, but you scaled the caller's X in place (`X *= 2 / N`) to fold the
constant in: after your call their data is changed. Put the constant on the result instead:
`2.0 / len(X) * residual.T @ X`."""

import numpy as np


def least_squares_loss(W, X, Y):
    return float(np.sum((X @ W.T - Y) ** 2) / len(X))


def least_squares_grad(W, X, Y):
    residual = X @ W.T - Y
    X *= 2.0 / len(X)
    return residual.T @ X

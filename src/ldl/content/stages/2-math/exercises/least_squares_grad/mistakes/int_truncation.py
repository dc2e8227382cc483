"""You divided with `//`, which rounds down: the gradient loses its fractions (and with integer
inputs it stays integer). Use true division, `2.0 / len(X) * residual.T @ X`, so the gradient is
the exact float array."""

import numpy as np


def least_squares_loss(W, X, Y):
    return float(np.sum((X @ W.T - Y) ** 2) / len(X))


def least_squares_grad(W, X, Y):
    return 2 * (X @ W.T - Y).T @ X // len(X)

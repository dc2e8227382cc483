"""Your gradient is half the expected one: the derivative of r² is 2r, and that 2 stays in the
gradient (only a loss defined with a ½ in front cancels it)."""

import numpy as np


def least_squares_loss(W, X, Y):
    return float(np.sum((X @ W.T - Y) ** 2) / len(X))


def least_squares_grad(W, X, Y):
    return (X @ W.T - Y).T @ X / len(X)

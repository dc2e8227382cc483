"""Mini-batch SGD, applied to linear regression. See statement.md."""

import numpy as np


def minibatch_indices(num_examples: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One rng.permutation(num_examples), cut into consecutive slices of batch_size (the last may be
    shorter). Returns a list of 1-D integer arrays that together hold every index exactly once."""
    raise NotImplementedError


def sgd_step(params: dict[str, np.ndarray], grads: dict[str, np.ndarray], lr: float) -> None:
    """In place, for every name: params[name] -= lr * grads[name]."""
    raise NotImplementedError


def fit_linear_regression(
    x: np.ndarray, y: np.ndarray, lr: float, batch_size: int, num_epochs: int, seed: int
) -> dict[str, np.ndarray]:
    """Fit y ~ x @ weight + bias by mini-batch SGD on the mean squared error.

    x: (N, D), y: (N,). Starts from zeros; rng = np.random.default_rng(seed); one
    minibatch_indices(N, batch_size, rng) per epoch and one sgd_step per batch.
    Returns {"weight": (D,), "bias": 0-d, "losses": (num_epochs,) MSE on all data after each epoch}.
    """
    raise NotImplementedError

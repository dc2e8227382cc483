"""The batch gradient is summed, not averaged: the loss is the *mean* squared error over the
batch, so its gradient carries 2/B. Without the 1/B, the step size grows with the batch size
and training can diverge."""

import numpy as np


def minibatch_indices(num_examples, batch_size, rng):
    order = rng.permutation(num_examples)
    return [order[start : start + batch_size] for start in range(0, num_examples, batch_size)]


def sgd_step(params, grads, lr):
    for name, grad in grads.items():
        params[name] -= lr * grad


def fit_linear_regression(x, y, lr, batch_size, num_epochs, seed):
    params = {"weight": np.zeros(x.shape[1]), "bias": np.zeros(())}
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(num_epochs):
        for batch in minibatch_indices(len(x), batch_size, rng):
            error = x[batch] @ params["weight"] + params["bias"] - y[batch]
            sgd_step(params, {"weight": 2 * x[batch].T @ error, "bias": 2 * error.sum()}, lr)
        losses.append(np.mean((x @ params["weight"] + params["bias"] - y) ** 2))
    return {"weight": params["weight"], "bias": params["bias"], "losses": np.array(losses)}

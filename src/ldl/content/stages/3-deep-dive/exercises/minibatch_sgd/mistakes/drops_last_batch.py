"""The last, shorter batch is missing: with 10 examples in batches of 4 there are 3 batches
(4, 4 and 2), not 2. Dropping it means some examples are never used in that epoch."""

import numpy as np


def minibatch_indices(num_examples, batch_size, rng):
    order = rng.permutation(num_examples)
    full = num_examples // batch_size
    return [order[i * batch_size : (i + 1) * batch_size] for i in range(full)]


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
            sgd_step(params, {"weight": 2 * x[batch].T @ error / len(batch), "bias": 2 * error.mean()}, lr)
        losses.append(np.mean((x @ params["weight"] + params["bias"] - y) ** 2))
    return {"weight": params["weight"], "bias": params["bias"], "losses": np.array(losses)}

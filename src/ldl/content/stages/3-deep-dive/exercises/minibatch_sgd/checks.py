"""Checks for minibatch_sgd: the batches (shuffled with the generator passed in, complete, the
short last batch kept, no examples at all), an in-place SGD step that leaves the gradients alone,
and whole fits of a linear regression, epoch by epoch (batches of 8, of 1, one full batch, integer
features)."""

import numpy as np

from ldl.grading.spec import Case


def batches(module, num_examples, batch_size, seed):
    return list(module.minibatch_indices(num_examples, batch_size, np.random.default_rng(seed)))


def step_in_place(module, weight, bias, grad_weight, grad_bias, lr):
    """The arrays the caller holds must change: sgd_step returns nothing."""
    params = {"weight": weight.copy(), "bias": bias.copy()}
    held = dict(params)  # references to the same arrays, as a model would hold them
    returned = module.sgd_step(params, {"weight": grad_weight, "bias": grad_bias}, lr)
    return {"weight": held["weight"], "bias": held["bias"], "returned_none": returned is None}


def regression_data(seed, num_examples, num_features):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(num_examples, num_features))
    y = x @ rng.normal(size=num_features) + 0.5 + 0.1 * rng.normal(size=num_examples)
    return x, y


def cases():
    x, y = regression_data(31, num_examples=50, num_features=3)
    rng = np.random.default_rng(32)
    weight, bias, grad_weight, grad_bias = (
        rng.normal(size=(4, 2)),
        rng.normal(size=2),
        rng.normal(size=(4, 2)),
        rng.normal(size=2),
    )
    return [
        Case("10 examples in batches of 4 (the last has 2)", probe="batches", args=(10, 4, 0)),
        Case("batches of exactly equal size", probe="batches", args=(12, 3, 1)),
        Case("one batch holding everything", probe="batches", args=(5, 8, 2)),
        Case("no examples: no batches", probe="batches", args=(0, 4, 3)),
        Case(
            "one SGD step, in place", probe="step_in_place", args=(weight, bias, grad_weight, grad_bias, 0.1)
        ),
        Case(
            "fit: 50 examples, batches of 8, 5 epochs",
            call="fit_linear_regression",
            args=(x, y, 0.05, 8, 5, 0),
        ),
        Case(
            "fit: batches of 1 (pure SGD)", call="fit_linear_regression", args=(x[:20], y[:20], 0.01, 1, 3, 1)
        ),
        Case(
            "fit: integer features",
            call="fit_linear_regression",
            args=(np.rint(x * 2).astype(int), y, 0.02, 10, 3, 3),
        ),
        Case(
            "fit: one full batch (plain gradient descent)",
            call="fit_linear_regression",
            args=(x, y, 0.1, 50, 4, 2),
        ),
    ]

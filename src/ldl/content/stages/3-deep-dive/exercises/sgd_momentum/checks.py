"""Checks for sgd_momentum: trajectories on a badly conditioned quadratic (plain, momentum,
Nesterov, weight decay with and without momentum), the update made in place, the gradients left as
they were given, zero_grad, and several parameters at once."""

import numpy as np

from ldl.grading.spec import Case

CURVATURE = np.array([[10.0, 0.0], [0.0, 0.5]])  # a long, narrow valley


class Param:
    def __init__(self, data):
        self.data = np.array(data, dtype=float)
        self.grad = np.zeros_like(self.data)


def trajectory(module, start, num_steps, **options):
    """Minimise 0.5 * x^T A x: the gradient is A x. Returns the path taken."""
    param = Param(start)
    held = param.data  # what a model would hold
    optimizer = module.SGD([param], **options)
    path, grads_unchanged = [held.copy()], []
    for _ in range(num_steps):
        grad = CURVATURE @ param.data
        param.grad = grad.copy()
        optimizer.step()
        path.append(held.copy())
        grads_unchanged.append(bool(np.array_equal(param.grad, grad)))
    return {
        "path": np.array(path),
        "updated_in_place": param.data is held,
        "grads_left_unchanged": all(grads_unchanged),
    }


def two_params(module, seed):
    rng = np.random.default_rng(seed)
    params = [Param(rng.normal(size=(3, 2))), Param(rng.normal(size=4))]
    optimizer = module.SGD(params, lr=0.1, momentum=0.5)
    for _ in range(3):
        for p in params:
            p.grad = p.data**2 - 1.0
        optimizer.step()
    optimizer.zero_grad()
    return {"data": [p.data for p in params], "grads": [p.grad for p in params]}


def cases():
    start = [1.0, 1.0]
    return [
        Case("plain SGD, 10 steps", probe="trajectory", args=(start, 10), kwargs={"lr": 0.05}),
        Case(
            "momentum 0.9, 30 steps",
            probe="trajectory",
            args=(start, 30),
            kwargs={"lr": 0.05, "momentum": 0.9},
        ),
        Case(
            "Nesterov momentum 0.9",
            probe="trajectory",
            args=(start, 30),
            kwargs={"lr": 0.05, "momentum": 0.9, "nesterov": True},
        ),
        Case(
            "weight decay 0.1 with momentum",
            probe="trajectory",
            args=(start, 15),
            kwargs={"lr": 0.05, "momentum": 0.8, "weight_decay": 0.1},
        ),
        Case(
            "weight decay without momentum",
            probe="trajectory",
            args=([2.0, -1.0], 5),
            kwargs={"lr": 0.02, "weight_decay": 1.0},
        ),
        Case("two parameters of different shapes, then zero_grad", probe="two_params", args=(0,)),
    ]

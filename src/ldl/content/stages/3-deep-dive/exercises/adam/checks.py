"""Checks for adam: the first step (lr · sign(g)), trajectories on a badly scaled quadratic (default
and other betas), L2 against decoupled weight decay, tiny gradients with the default eps and a large
eps, the update made in place, the gradients left as they were given, and zero_grad on two
parameters."""

import numpy as np

from ldl.grading.spec import Case

SCALES = np.array([100.0, 1.0, 0.01])  # gradients on very different scales


class Param:
    def __init__(self, data):
        self.data = np.array(data, dtype=float)
        self.grad = np.zeros_like(self.data)


def trajectory(module, start, num_steps, grad_scale=1.0, **options):
    """Minimise sum(SCALES * x^2 / 2) * grad_scale; the gradient is grad_scale * SCALES * x."""
    param = Param(start)
    held = param.data
    optimizer = module.Adam([param], **options)
    path, grads_after = [held.copy()], []
    for _ in range(num_steps):
        grad = grad_scale * SCALES * param.data
        param.grad = grad.copy()
        optimizer.step()
        path.append(held.copy())
        grads_after.append(bool(np.array_equal(param.grad, grad)))
    return {
        "path": np.array(path),
        "updated_in_place": param.data is held,
        "grads_left_unchanged": all(grads_after),
    }


def zeroed(module, seed):
    rng = np.random.default_rng(seed)
    params = [Param(rng.normal(size=(2, 3))), Param(rng.normal(size=3))]
    optimizer = module.Adam(params, lr=0.01)
    for p in params:
        p.grad = rng.normal(size=p.data.shape)
    optimizer.step()
    optimizer.zero_grad()
    return {"data": [p.data for p in params], "grads": [p.grad for p in params]}


def cases():
    start = [1.0, 1.0, 1.0]
    return [
        Case("the first step is about lr · sign(g)", probe="trajectory", args=(start, 1), kwargs={"lr": 0.1}),
        Case("30 steps, default betas", probe="trajectory", args=(start, 30), kwargs={"lr": 0.05}),
        Case("other betas", probe="trajectory", args=(start, 20), kwargs={"lr": 0.05, "betas": (0.5, 0.9)}),
        Case(
            "L2 weight decay (Adam)",
            probe="trajectory",
            args=([2.0, -1.0, 3.0], 10),
            kwargs={"lr": 0.05, "weight_decay": 0.5},
        ),
        Case(
            "decoupled weight decay (AdamW)",
            probe="trajectory",
            args=([2.0, -1.0, 3.0], 10),
            kwargs={"lr": 0.05, "weight_decay": 0.5, "decoupled": True},
        ),
        Case(
            "tiny gradients, where eps matters",
            probe="trajectory",
            args=(start, 5, 1e-9),
            kwargs={"lr": 0.1},
        ),
        Case(
            "a large eps (1e-2)", probe="trajectory", args=(start, 5, 0.01), kwargs={"lr": 0.1, "eps": 1e-2}
        ),
        Case("two parameters, then zero_grad", probe="zeroed", args=(0,)),
    ]

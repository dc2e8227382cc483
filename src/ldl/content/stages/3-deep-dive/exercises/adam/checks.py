"""Checks for adam: the first step (lr · sign(g)), trajectories on a badly scaled quadratic, L2
against decoupled weight decay, tiny gradients (where eps matters), in place, zero_grad."""

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
    path = [held.copy()]
    for _ in range(num_steps):
        param.grad = grad_scale * SCALES * param.data
        optimizer.step()
        path.append(held.copy())
    return {"path": np.array(path), "updated_in_place": param.data is held}


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
            kwargs={"lr": 0.1, "eps": 1e-8},
        ),
        Case("two parameters, then zero_grad", probe="zeroed", args=(0,)),
    ]

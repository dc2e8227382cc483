"""Optimizers and schedules against torch.optim, step by step on identical parameters and gradients."""

from __future__ import annotations

import numpy as np
import pytest

from ldl.engine import optim, schedules
from ldl.engine.nn import Parameter

torch = pytest.importorskip("torch")

CASES = [
    ("SGD", dict(lr=0.1), dict(lr=0.1)),
    ("SGD", dict(lr=0.1, momentum=0.9), dict(lr=0.1, momentum=0.9)),
    ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
     dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("RMSProp", dict(lr=0.01, alpha=0.9), dict(lr=0.01, alpha=0.9)),
    ("Adam", dict(lr=0.01, betas=(0.8, 0.95)), dict(lr=0.01, betas=(0.8, 0.95))),
    ("Adam", dict(lr=0.01, weight_decay=0.1), dict(lr=0.01, weight_decay=0.1)),
    ("AdamW", dict(lr=0.01, weight_decay=0.1), dict(lr=0.01, weight_decay=0.1)),
]  # fmt: skip
TORCH_NAMES = {"RMSProp": "RMSprop"}


@pytest.mark.torch
@pytest.mark.parametrize(("name", "ours", "theirs"), CASES, ids=lambda c: str(c))
def test_optimizer_follows_torch_for_ten_steps(name, ours, theirs):
    rng = np.random.default_rng(0)
    start = rng.normal(size=(3, 4))
    param = Parameter(start.copy(), dtype=np.float64)
    twin = torch.nn.Parameter(torch.tensor(start))
    mine = getattr(optim, name)([param], **ours)
    reference = getattr(torch.optim, TORCH_NAMES.get(name, name))([twin], **theirs)
    for _ in range(10):
        grad = rng.normal(size=start.shape)
        param.grad, twin.grad = grad, torch.tensor(grad)
        mine.step()
        reference.step()
    np.testing.assert_allclose(param.data, twin.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_parameters_without_gradients_are_left_alone():
    param = Parameter(np.ones(3))
    optim.Adam([param], lr=0.1).step()
    assert param.data.tolist() == [1.0, 1.0, 1.0]


def test_zero_grad_clears():
    param = Parameter(np.ones(3))
    param.grad = np.ones(3)
    optim.SGD([param]).zero_grad()
    assert param.grad is None


def _lrs(ours, theirs, steps):
    got, want = [], []
    for _ in range(steps):
        got.append(ours.optimizer.lr)
        want.append(theirs.get_last_lr()[0])
        ours.step()
        theirs.optimizer.step()
        theirs.step()
    return got, want


@pytest.mark.torch
@pytest.mark.parametrize(
    "make",
    [
        lambda o: schedules.StepLR(o, step_size=3, gamma=0.5),
        lambda o: schedules.CosineAnnealingLR(o, total_steps=10, min_lr=0.01),
        lambda o: schedules.OneCycleLR(o, max_lr=1.0, total_steps=20),
    ],
    ids=["step", "cosine", "one-cycle"],
)
def test_schedules_follow_torch(make):
    param = Parameter(np.ones(1))
    twin = torch.optim.SGD([torch.nn.Parameter(torch.ones(1))], lr=0.1)
    ours = make(optim.SGD([param], lr=0.1))
    lr_scheduler = torch.optim.lr_scheduler
    kind = type(ours).__name__
    theirs = {
        "StepLR": lambda: lr_scheduler.StepLR(twin, step_size=3, gamma=0.5),
        "CosineAnnealingLR": lambda: lr_scheduler.CosineAnnealingLR(twin, T_max=10, eta_min=0.01),
        "OneCycleLR": lambda: lr_scheduler.OneCycleLR(twin, max_lr=1.0, total_steps=20, cycle_momentum=False),
    }[kind]()
    got, want = _lrs(ours, theirs, 10 if kind == "CosineAnnealingLR" else 20)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)

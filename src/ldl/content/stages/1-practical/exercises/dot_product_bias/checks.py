"""Checks for dot_product_bias: the parameter shapes, predictions under known weights (a batch of
12 and a batch of one), the y_range squashing (including extreme inputs, and y_range=(1, 3)),
and that the biases are trained too."""

import numpy as np
import torch

from ldl.grading.spec import Case

NAMES = ("user_factors", "item_factors", "user_bias", "item_bias")


def cases():
    rng = np.random.default_rng(5)
    pairs = np.stack([rng.integers(0, 6, size=12), rng.integers(0, 9, size=12)], axis=1)  # (12, 2)
    return [
        Case("parameter shapes", probe="probe_shapes", args=(6, 9, 4)),
        Case("all zeros: the middle of y_range", probe="probe_predict", args=(6, 9, 4, pairs, 0.0, 0)),
        Case("predictions with known weights", probe="probe_predict", args=(6, 9, 4, pairs, 0.5, 1)),
        Case("a batch of one", probe="probe_predict", args=(6, 9, 4, pairs[:1], 0.5, 5)),
        Case("large weights stay inside y_range", probe="probe_predict", args=(6, 9, 4, pairs, 20.0, 2)),
        Case(
            "a different y_range",
            probe="probe_predict",
            args=(6, 9, 4, pairs, 0.5, 3),
            kwargs={"y_range": (1.0, 3.0)},
        ),
        Case("one SGD step moves the biases", probe="probe_bias_gradient", args=(6, 9, 4, pairs)),
    ]


def _model(module, n_users, n_items, n_factors, scale, seed, y_range=(0.0, 5.5)):
    model = module.DotProductBias(n_users, n_items, n_factors, y_range=y_range)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name in NAMES:
            weight = getattr(model, name).weight
            weight.copy_(torch.randn(weight.shape, generator=generator) * scale)
    return model


def probe_shapes(module, n_users, n_items, n_factors):
    model = module.DotProductBias(n_users, n_items, n_factors)
    return {name: list(getattr(model, name).weight.shape) for name in NAMES}


def probe_predict(module, n_users, n_items, n_factors, pairs, scale, seed, y_range=(0.0, 5.5)):
    model = _model(module, n_users, n_items, n_factors, scale, seed, y_range)
    with torch.no_grad():
        out = model(torch.as_tensor(pairs, dtype=torch.long))
    return out.double().numpy()


def probe_bias_gradient(module, n_users, n_items, n_factors, pairs):
    """Which bias rows change after one SGD step on the squared error: the ones used in `pairs`."""
    model = _model(module, n_users, n_items, n_factors, 0.5, 4)
    x = torch.as_tensor(pairs, dtype=torch.long)
    before = model.user_bias.weight.detach().clone(), model.item_bias.weight.detach().clone()
    loss = ((model(x) - 4.0) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        for parameter in model.parameters():
            parameter -= 0.1 * parameter.grad
    users_moved = (model.user_bias.weight != before[0]).any(dim=1).numpy()
    items_moved = (model.item_bias.weight != before[1]).any(dim=1).numpy()
    return {"users_moved": users_moved, "items_moved": items_moved}

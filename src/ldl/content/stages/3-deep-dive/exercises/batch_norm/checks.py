"""Checks for batch_norm: training and evaluation outputs, running statistics over several steps,
the backward pass in both modes (also against central differences), and accumulation."""

import numpy as np

from ldl.grading.spec import Case


def _layer(module, weight, bias):
    layer = module.BatchNorm1d(weight.shape[0])
    layer.weight, layer.bias = weight.copy(), bias.copy()
    return layer


def fresh(module, num_features):
    layer = module.BatchNorm1d(num_features)
    names = ("weight", "bias", "running_mean", "running_var", "grad_weight", "grad_bias")
    return {**{name: getattr(layer, name) for name in names}, "training": layer.training}


def train_steps(module, batches, weight, bias):
    """Forward several training batches, then one evaluation batch."""
    layer = _layer(module, weight, bias)
    outs = [layer.forward(x) for x in batches[:-1]]
    layer.eval()
    outs.append(layer.forward(batches[-1]))
    return {"outs": outs, "running_mean": layer.running_mean, "running_var": layer.running_var}


def backward(module, x, weight, bias, grad_output, training, passes=1):
    layer = _layer(module, weight, bias)
    if not training:
        layer.forward(x * 2 + 1)  # give the running statistics something to hold
        layer.eval()
    grad_x = None
    for _ in range(passes):
        layer.forward(x)
        grad_x = layer.backward(grad_output)
    return {"grad_x": grad_x, "grad_weight": layer.grad_weight, "grad_bias": layer.grad_bias}


def against_central_differences(module, x, weight, bias, grad_output):
    grad_x = _layer(module, weight, bias)
    grad_x.forward(x)
    got = grad_x.backward(grad_output)
    numeric = np.zeros_like(x)
    for index in np.ndindex(*x.shape):
        step = np.zeros_like(x)
        step[index] = 1e-6
        up = np.sum(grad_output * _layer(module, weight, bias).forward(x + step))
        down = np.sum(grad_output * _layer(module, weight, bias).forward(x - step))
        numeric[index] = (up - down) / 2e-6
    return bool(np.allclose(got, numeric, rtol=1e-4, atol=1e-6))


def cases():
    rng = np.random.default_rng(8)
    x = rng.normal(loc=3.0, scale=2.0, size=(6, 4))
    weight, bias, grad_output = rng.normal(size=4), rng.normal(size=4), rng.normal(size=(6, 4))
    batches = [rng.normal(loc=1.0, scale=3.0, size=(5, 4)) for _ in range(4)]
    example = (x, weight, bias, grad_output)
    return [
        Case("a fresh BatchNorm1d(4)", probe="fresh", args=(4,)),
        Case("three training batches, then evaluation", probe="train_steps", args=(batches, weight, bias)),
        Case("a training batch of 2", probe="train_steps", args=([x[:2], x[2:3]], weight, bias)),
        Case("evaluation on a batch of 1", probe="train_steps", args=([x, x[:1]], weight, bias)),
        Case("backward, training mode", probe="backward", args=(*example, True)),
        Case("backward, evaluation mode", probe="backward", args=(*example, False)),
        Case(
            "backward twice: the parameter gradients accumulate", probe="backward", args=(*example, True, 2)
        ),
        Case("backward against central differences", probe="against_central_differences", args=example),
    ]

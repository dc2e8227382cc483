"""Checks for batch_norm: a fresh layer; training and evaluation outputs with the running statistics
over several steps (default and other momentum and eps, a batch of 2, an integer batch, a constant
feature whose variance is 0, evaluation on a batch of 1); the backward pass in both modes (also
with another eps, and against central differences); accumulation over two backward calls. The
probes hand the caller's arrays straight to forward and backward, so changing them in place fails."""

import numpy as np

from ldl.grading.spec import Case


def _layer(module, weight, bias, **options):
    layer = module.BatchNorm1d(weight.shape[0], **options)
    layer.weight, layer.bias = weight.copy(), bias.copy()
    return layer


def fresh(module, num_features):
    layer = module.BatchNorm1d(num_features)
    names = ("weight", "bias", "running_mean", "running_var", "grad_weight", "grad_bias")
    return {**{name: getattr(layer, name) for name in names}, "training": layer.training}


def train_steps(module, batches, weight, bias, **options):
    """Forward several training batches, then one evaluation batch."""
    layer = _layer(module, weight, bias, **options)
    outs = [layer.forward(x) for x in batches[:-1]]
    layer.eval()
    outs.append(layer.forward(batches[-1]))
    return {"outs": outs, "running_mean": layer.running_mean, "running_var": layer.running_var}


def backward(module, x, weight, bias, grad_output, training, passes=1, **options):
    layer = _layer(module, weight, bias, **options)
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
    ints = rng.integers(-5, 6, size=(5, 4))
    constant = rng.normal(size=(5, 4))
    constant[:, 1] = 2.5
    return [
        Case("a fresh BatchNorm1d(4)", probe="fresh", args=(4,)),
        Case("three training batches, then evaluation", probe="train_steps", args=(batches, weight, bias)),
        Case(
            "momentum 0.3 and eps 0.5",
            probe="train_steps",
            args=(batches, weight, bias),
            kwargs={"momentum": 0.3, "eps": 0.5},
        ),
        Case("an integer batch", probe="train_steps", args=([ints, ints[:2]], weight, bias)),
        Case(
            "a constant feature (variance 0), eps 0.01",
            probe="train_steps",
            args=([constant, constant[:3]], weight, bias),
            kwargs={"eps": 0.01},
        ),
        Case("a training batch of 2", probe="train_steps", args=([x[:2], x[2:3]], weight, bias)),
        Case("evaluation on a batch of 1", probe="train_steps", args=([x, x[:1]], weight, bias)),
        Case("backward, training mode", probe="backward", args=(*example, True)),
        Case("backward, evaluation mode", probe="backward", args=(*example, False)),
        Case(
            "backward, training mode, eps 0.5",
            probe="backward",
            args=(*example, True),
            kwargs={"eps": 0.5},
        ),
        Case(
            "backward, evaluation mode, eps 0.5",
            probe="backward",
            args=(*example, False),
            kwargs={"eps": 0.5},
        ),
        Case(
            "backward twice: the parameter gradients accumulate", probe="backward", args=(*example, True, 2)
        ),
        Case("backward against central differences", probe="against_central_differences", args=example),
    ]

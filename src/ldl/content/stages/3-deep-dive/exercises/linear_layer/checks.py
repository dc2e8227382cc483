"""Checks for linear_layer: the initialisation (shapes, range, the draw order: weight, then bias,
from the generator passed in), forward (a batch of 6, of 1, an empty batch, integer inputs),
backward (also a batch of 1 and an empty batch), gradients accumulating over two backward calls,
and zero_grad. The probes hand the caller's x and grad_output straight to the layer, so changing
them in place fails."""

import numpy as np

from ldl.grading.spec import Case


def initialised(module, in_features, out_features, seed):
    layer = module.Linear(in_features, out_features, np.random.default_rng(seed))
    return {
        "weight": layer.weight,
        "bias": layer.bias,
        "grad_weight": layer.grad_weight,
        "grad_bias": layer.grad_bias,
    }


def _layer(module, weight, bias):
    layer = module.Linear(weight.shape[1], weight.shape[0], np.random.default_rng(0))
    layer.weight, layer.bias = weight.copy(), bias.copy()
    return layer


def forward(module, x, weight, bias):
    return _layer(module, weight, bias).forward(x)


def backward(module, x, weight, bias, grad_output):
    layer = _layer(module, weight, bias)
    layer.forward(x)
    grad_input = layer.backward(grad_output)
    return {"grad_input": grad_input, "grad_weight": layer.grad_weight, "grad_bias": layer.grad_bias}


def accumulated(module, x, weight, bias, grad_output):
    """Two forward/backward passes: the parameter gradients must add up."""
    layer = _layer(module, weight, bias)
    for scale in (1.0, 0.25):
        layer.forward(x * scale)
        layer.backward(grad_output)
    return {"grad_weight": layer.grad_weight, "grad_bias": layer.grad_bias}


def zeroed(module, x, weight, bias, grad_output):
    layer = _layer(module, weight, bias)
    layer.forward(x)
    layer.backward(grad_output)
    layer.zero_grad()
    return {"grad_weight": layer.grad_weight, "grad_bias": layer.grad_bias}


def cases():
    rng = np.random.default_rng(21)
    x, weight, bias = rng.normal(size=(6, 4)), rng.normal(size=(3, 4)), rng.normal(size=3)
    grad_output = rng.normal(size=(6, 3))
    example = (x, weight, bias, grad_output)
    return [
        Case("initialisation: 4 inputs, 3 outputs", probe="initialised", args=(4, 3, 7)),
        Case("forward: a batch of 6", probe="forward", args=(x, weight, bias)),
        Case("forward: a batch of 1", probe="forward", args=(x[:1], weight, bias)),
        Case("backward: input, weight and bias gradients", probe="backward", args=example),
        Case("backward: gradients accumulate over two calls", probe="accumulated", args=example),
        Case("zero_grad resets the gradients", probe="zeroed", args=example),
        Case("forward: integer inputs", probe="forward", args=(np.arange(8).reshape(2, 4), weight, bias)),
        Case("forward: an empty batch", probe="forward", args=(x[:0], weight, bias)),
        Case(
            "backward: an empty batch (zero gradients)",
            probe="backward",
            args=(x[:0], weight, bias, grad_output[:0]),
        ),
        Case("backward: a batch of 1", probe="backward", args=(x[:1], weight, bias, grad_output[:1])),
    ]

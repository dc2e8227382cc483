"""Checks for module_linear: a Parameter, parameter discovery (order, nesting, no bias),
initialisation with and without a bias, ReLU on its own (zeros and negatives: the gradient at
exactly 0 is 0), a two-layer network forward and backward (a batch of 5 and of 1), accumulation
over two passes, and zero_grad. The probes hand the caller's x and grad_output straight to the
modules, so changing them in place fails."""

import numpy as np

from ldl.grading.spec import Case


def _mlp(module, seed, sizes=(4, 8, 3)):
    rng = np.random.default_rng(seed)
    return module.Sequential(
        module.Linear(sizes[0], sizes[1], rng), module.ReLU(), module.Linear(sizes[1], sizes[2], rng)
    )


def discovered(module, seed):
    rng = np.random.default_rng(seed)
    inner = module.Sequential(module.Linear(3, 5, rng), module.ReLU())
    model = module.Sequential(
        inner, module.Linear(5, 2, rng, bias=False), module.Sequential(module.Linear(2, 2, rng))
    )
    return [p.data for p in model.parameters()]


def a_parameter(module, data):
    parameter = module.Parameter(data)
    return {"data": np.array(parameter.data), "grad": np.array(parameter.grad)}  # copies: may wrap data


def relu(module, x, grad_output):
    layer = module.ReLU()
    out = layer(x)
    return {"out": out, "grad_x": layer.backward(grad_output)}


def linear_init(module, in_features, out_features, seed, bias):
    layer = module.Linear(in_features, out_features, np.random.default_rng(seed), bias=bias)
    return {"weight": layer.weight.data, "bias": None if layer.bias is None else layer.bias.data}


def forward_backward(module, seed, x, grad_output, passes):
    model = _mlp(module, seed)
    out = grad_input = None
    for _ in range(passes):
        out = model(x)
        grad_input = model.backward(grad_output)
    return {"out": out, "grad_input": grad_input, "grads": [p.grad for p in model.parameters()]}


def zeroed(module, seed, x, grad_output):
    model = _mlp(module, seed)
    model(x)
    model.backward(grad_output)
    model.zero_grad()
    return [p.grad for p in model.parameters()]


def cases():
    rng = np.random.default_rng(6)
    x, grad_output = rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    return [
        Case("a Parameter: data and zero grad", probe="a_parameter", args=(rng.normal(size=(2, 3)),)),
        Case("Linear(4, 3): initialisation", probe="linear_init", args=(4, 3, 0, True)),
        Case("Linear(6, 2, bias=False)", probe="linear_init", args=(6, 2, 1, False)),
        Case(
            "ReLU: zeros and negatives (the gradient at 0 is 0)",
            probe="relu",
            args=(
                np.array([[-2.0, 0.0, 3.0], [0.0, 1.5, -0.5]]),
                np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
            ),
        ),
        Case("parameters(): nested Sequentials, no bias, in order", probe="discovered", args=(2,)),
        Case("a 4-8-3 network: forward and backward", probe="forward_backward", args=(3, x, grad_output, 1)),
        Case("a batch of one", probe="forward_backward", args=(4, x[:1], grad_output[:1], 1)),
        Case("two backward passes accumulate", probe="forward_backward", args=(5, x, grad_output, 2)),
        Case("zero_grad", probe="zeroed", args=(6, x, grad_output)),
    ]

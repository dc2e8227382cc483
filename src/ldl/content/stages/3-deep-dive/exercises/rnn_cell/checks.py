"""Checks for rnn_cell: one step forward and backward (also a batch of one), the unrolled forward,
BPTT over a few steps (with a gradient only on the last output, and on every output), BPTT over
one step, and BPTT against central differences. The probes hand the caller's arrays straight to
your functions, so changing them in place fails, and so does returning one array for two results
(the two bias gradients are equal, but each must be its own array)."""

import numpy as np

from ldl.grading.spec import Case


def _weights(seed, input_size=3, hidden_size=4):
    rng = np.random.default_rng(seed)
    scale = 1 / np.sqrt(hidden_size)
    return [
        rng.uniform(-scale, scale, size=s)
        for s in ((hidden_size, input_size), (hidden_size, hidden_size), (hidden_size,), (hidden_size,))
    ]


def cell(module, x, h, seed):
    return module.rnn_cell(x, h, *_weights(seed))


def cell_backward(module, x, h, seed, grad_h_next):
    return list(module.rnn_cell_backward(x, h, *_weights(seed), grad_h_next))


def forward(module, xs, h0, seed):
    outputs, h_last = module.rnn_forward(xs, h0, *_weights(seed))
    return {"outputs": outputs, "h_last": h_last}


def backward(module, xs, h0, seed, grad_outputs):
    return list(module.rnn_backward(xs, h0, *_weights(seed), grad_outputs))


def against_central_differences(module, seed):
    rng = np.random.default_rng(seed)
    xs, h0, g = rng.normal(size=(4, 2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(4, 2, 4))
    weights = _weights(seed)
    inputs = [xs, h0, *weights]
    grads = module.rnn_backward(xs, h0, *weights, g)

    def loss(values):
        return float(np.sum(g * module.rnn_forward(*values)[0]))

    agree = []
    for k, array in enumerate(inputs):
        numeric = np.zeros_like(array)
        for index in np.ndindex(*array.shape):
            for sign in (1, -1):
                nudged = [a.copy() for a in inputs]
                nudged[k][index] += sign * 1e-6
                numeric[index] += sign * loss(nudged) / 2e-6
        agree.append(bool(np.shape(grads[k]) == array.shape and np.allclose(grads[k], numeric, atol=1e-6)))
    return agree


def cases():
    rng = np.random.default_rng(14)
    x, h = rng.normal(size=(5, 3)), rng.normal(size=(5, 4))
    xs, h0 = rng.normal(size=(6, 5, 3)), rng.normal(size=(5, 4))
    last_only = np.zeros((6, 5, 4))
    last_only[-1] = rng.normal(size=(5, 4))
    everywhere = rng.normal(size=(6, 5, 4))
    return [
        Case("one step", probe="cell", args=(x, h, 0)),
        Case("one step backward", probe="cell_backward", args=(x, h, 0, rng.normal(size=(5, 4)))),
        Case(
            "one step backward, a batch of one",
            probe="cell_backward",
            args=(x[:1], h[:1], 1, rng.normal(size=(1, 4))),
        ),
        Case("6 steps forward", probe="forward", args=(xs, h0, 2)),
        Case("BPTT, a gradient on the last output only", probe="backward", args=(xs, h0, 3, last_only)),
        Case("BPTT, gradients on every output", probe="backward", args=(xs, h0, 4, everywhere)),
        Case("BPTT over a single step", probe="backward", args=(xs[:1], h0, 5, everywhere[:1])),
        Case(
            "BPTT against central differences (every input)", probe="against_central_differences", args=(6,)
        ),
    ]

"""Checks for lstm_cell: the gates (order and nonlinearities; also with huge pre-activations of both
signs, where a naive sigmoid overflows), one step (a batch of one, huge pre-activations), a
sequence of 7 steps and of 1 step, and a forget gate that keeps the memory. The probes hand the
caller's h, c (and h0, c0) straight to your functions, so updating the memory in place fails, and
so does returning one array for two results."""

import numpy as np

from ldl.grading.spec import Case


def _weights(seed, input_size=3, hidden_size=4, forget_bias=0.0):
    rng = np.random.default_rng(seed)
    shapes = (
        (4 * hidden_size, input_size),
        (4 * hidden_size, hidden_size),
        (4 * hidden_size,),
        (4 * hidden_size,),
    )
    w_ih, w_hh, b_ih, b_hh = (rng.uniform(-0.5, 0.5, size=s) for s in shapes)
    b_ih[hidden_size : 2 * hidden_size] += forget_bias
    return w_ih, w_hh, b_ih, b_hh


def gates(module, x, h, seed, scale=1.0):
    w_ih, w_hh, b_ih, b_hh = _weights(seed)
    return list(module.lstm_gates(x, h, w_ih * scale, w_hh * scale, b_ih, b_hh))


def cell(module, x, h, c, seed, scale=1.0):
    w_ih, w_hh, b_ih, b_hh = _weights(seed)
    return list(module.lstm_cell(x, h, c, w_ih * scale, w_hh * scale, b_ih, b_hh))


def sequence(module, xs, h0, c0, seed, forget_bias=0.0):
    outputs, (h, c) = module.lstm_forward(xs, h0, c0, *_weights(seed, forget_bias=forget_bias))
    return {"outputs": outputs, "h_last": h, "c_last": c}


def cases():
    rng = np.random.default_rng(15)
    x, h, c = rng.normal(size=(5, 3)), rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    xs = rng.normal(size=(7, 5, 3))
    return [
        Case("the four gates", probe="gates", args=(x, h, 0)),
        Case(
            "the gates with huge pre-activations (both signs)",
            probe="gates",
            args=(x, h, 6, 2000.0),
            atol=1e-7,
        ),
        Case("one step", probe="cell", args=(x, h, c, 1)),
        Case("one step, a batch of one", probe="cell", args=(x[:1], h[:1], c[:1], 2)),
        Case("huge pre-activations (saturated gates)", probe="cell", args=(x, h, c, 3, 2000.0), atol=1e-7),
        Case("7 steps", probe="sequence", args=(xs, h, c, 4)),
        Case("a sequence of 1 step", probe="sequence", args=(xs[:1], h, c, 7)),
        Case(
            "a large forget bias keeps the memory",
            probe="sequence",
            args=(xs, h, np.full((5, 4), 3.0), 5, 20.0),
        ),
    ]

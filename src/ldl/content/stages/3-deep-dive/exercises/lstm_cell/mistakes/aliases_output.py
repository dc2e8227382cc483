"""Your lstm_forward returns h_last as a view into outputs (outputs[-1] of a preallocated array), so
the two results share memory: a caller who changes one silently changes the other. Return separate
arrays: np.stack the collected outputs, or return outputs[-1].copy()."""

import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # equals 1 / (1 + exp(-z)), without overflow


def lstm_gates(x, h, w_ih, w_hh, b_ih, b_hh):
    """(i, f, g, o), each (B, H), after their nonlinearities."""
    z = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh  # (B, 4H)
    z_i, z_f, z_g, z_o = np.split(z, 4, axis=1)  # PyTorch's order: input, forget, cell, output
    return _sigmoid(z_i), _sigmoid(z_f), np.tanh(z_g), _sigmoid(z_o)


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """(h_next, c_next)."""
    i, f, g, o = lstm_gates(x, h, w_ih, w_hh, b_ih, b_hh)
    c_next = f * c + i * g  # forget some memory, write some new
    return o * np.tanh(c_next), c_next  # show some of the new memory


def lstm_forward(xs, h0, c0, w_ih, w_hh, b_ih, b_hh):
    """xs (T, B, D) -> (outputs (T, B, H), (h_last, c_last))."""
    outputs = np.empty((xs.shape[0], h0.shape[0], h0.shape[1]))
    h, c = h0, c0
    for t, x in enumerate(xs):
        h, c = lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)
        outputs[t] = h
    return outputs, (outputs[-1], c)

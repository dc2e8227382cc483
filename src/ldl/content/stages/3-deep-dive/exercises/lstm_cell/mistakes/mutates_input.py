"""Your cell updated the caller's memory c in place (`c *= f; c += i * g`), so their c now holds
c_next, and an lstm_forward built on it changes c0 too. Compute the new memory into a new array,
c_next = f * c + i * g; your gate arithmetic is right."""

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
    c *= f  # forget some memory
    c += i * g  # write some new
    c_next = c
    return o * np.tanh(c_next), c_next  # show some of the new memory


def lstm_forward(xs, h0, c0, w_ih, w_hh, b_ih, b_hh):
    """xs (T, B, D) -> (outputs (T, B, H), (h_last, c_last))."""
    h, c, outputs = h0, c0, []
    for x in xs:
        h, c = lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)
        outputs.append(h)
    return np.stack(outputs), (h, c)

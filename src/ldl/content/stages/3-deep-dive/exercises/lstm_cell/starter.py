"""An LSTM cell with PyTorch's gate layout, and the cell unrolled. See statement.md."""

import numpy as np


def lstm_gates(x, h, w_ih, w_hh, b_ih, b_hh):
    """(i, f, g, o), each (B, H): sigmoid, sigmoid, tanh, sigmoid of the four blocks of
    x @ w_ih.T + b_ih + h @ w_hh.T + b_hh (B, 4H), in the order input, forget, cell, output."""
    raise NotImplementedError


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """(h_next, c_next): c_next = f * c + i * g, h_next = o * tanh(c_next)."""
    raise NotImplementedError


def lstm_forward(xs, h0, c0, w_ih, w_hh, b_ih, b_hh):
    """xs (T, B, D) -> (outputs (T, B, H), (h_last, c_last))."""
    raise NotImplementedError

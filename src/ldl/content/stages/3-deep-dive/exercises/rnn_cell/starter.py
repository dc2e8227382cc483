"""An Elman RNN cell, unrolled, and backpropagation through time. See statement.md."""

import numpy as np


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """h_next = tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh). x (B, D), h (B, H) -> (B, H)."""
    raise NotImplementedError


def rnn_cell_backward(x, h, w_ih, w_hh, b_ih, b_hh, grad_h_next):
    """Gradients of one step given dL/dh_next (B, H):
    (grad_x, grad_h, grad_w_ih, grad_w_hh, grad_b_ih, grad_b_hh), each the shape of its input."""
    raise NotImplementedError


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    """xs (T, B, D), h0 (B, H) -> (outputs (T, B, H), h_last (B, H))."""
    raise NotImplementedError


def rnn_backward(xs, h0, w_ih, w_hh, b_ih, b_hh, grad_outputs):
    """BPTT given grad_outputs = dL/doutputs (T, B, H):
    (grad_xs, grad_h0, grad_w_ih, grad_w_hh, grad_b_ih, grad_b_hh)."""
    raise NotImplementedError

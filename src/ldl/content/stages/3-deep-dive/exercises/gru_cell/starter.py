"""A GRU cell with PyTorch's gate layout, forward and backward. See statement.md."""

import numpy as np


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh) -> np.ndarray:
    """h_next = (1 - z) * n + z * h, with the gates in the order reset, update, new."""
    raise NotImplementedError


def gru_cell_backward(x, h, w_ih, w_hh, b_ih, b_hh, grad_h_next):
    """(grad_x, grad_h, grad_w_ih, grad_w_hh, grad_b_ih, grad_b_hh) of sum(grad_h_next * gru_cell(...))."""
    raise NotImplementedError

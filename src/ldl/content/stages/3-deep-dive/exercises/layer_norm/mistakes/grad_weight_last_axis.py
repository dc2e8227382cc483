"""Your grad_weight and grad_bias sum over the features (the last axis) instead of over the positions.
Each of the C weights is shared by every position, so its gradient sums over every axis EXCEPT the
last: sum(axis=tuple(range(x.ndim - 1))), shape (C,)."""

import numpy as np


def layer_norm(x, weight, bias, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + eps)
    return x_hat * weight + bias


def layer_norm_backward(x, weight, bias, grad_out, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - x.mean(-1, keepdims=True)) / std
    g = grad_out * weight
    grad_x = (g - g.mean(-1, keepdims=True) - x_hat * (g * x_hat).mean(-1, keepdims=True)) / std
    return grad_x, (grad_out * x_hat).sum(axis=-1), grad_out.sum(axis=-1)

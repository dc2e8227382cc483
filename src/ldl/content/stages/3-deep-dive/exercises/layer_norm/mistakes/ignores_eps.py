"""Your functions ignore the eps the caller passes (they always use 1e-5): the check with eps=0.5
gets the default's answer. Use the eps argument inside the square root, in both functions."""

import numpy as np


def layer_norm(x, weight, bias, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)
    return x_hat * weight + bias


def layer_norm_backward(x, weight, bias, grad_out, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(-1, keepdims=True) + 1e-5)
    x_hat = (x - x.mean(-1, keepdims=True)) / std
    g = grad_out * weight
    grad_x = (g - g.mean(-1, keepdims=True) - x_hat * (g * x_hat).mean(-1, keepdims=True)) / std
    leading = tuple(range(x.ndim - 1))
    return grad_x, (grad_out * x_hat).sum(axis=leading), grad_out.sum(axis=leading)

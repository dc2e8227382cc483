"""You centred x in place (x -= mean on np.asarray(x), the caller's own array for float input). The
forward pass must leave its input alone: the backward pass (and the residual connection around the
layer) still needs the original x. Compute x - mean into a new array."""

import numpy as np


def layer_norm(x, weight, bias, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x -= x.mean(-1, keepdims=True)
    return x / np.sqrt((x**2).mean(-1, keepdims=True) + eps) * weight + bias


def layer_norm_backward(x, weight, bias, grad_out, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - x.mean(-1, keepdims=True)) / std
    g = grad_out * weight
    grad_x = (g - g.mean(-1, keepdims=True) - x_hat * (g * x_hat).mean(-1, keepdims=True)) / std
    leading = tuple(range(x.ndim - 1))
    return grad_x, (grad_out * x_hat).sum(axis=leading), grad_out.sum(axis=leading)

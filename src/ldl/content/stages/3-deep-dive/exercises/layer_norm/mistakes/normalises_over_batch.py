"""You normalised over the batch axis (0), which is batch normalisation. Layer normalisation
normalises each position over its own features, the LAST axis: mean and var with axis=-1 and
keepdims=True."""

import numpy as np


def layer_norm(x, weight, bias, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(0, keepdims=True)) / np.sqrt(x.var(0, keepdims=True) + eps)
    return x_hat * weight + bias


def layer_norm_backward(x, weight, bias, grad_out, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(0, keepdims=True) + eps)
    x_hat = (x - x.mean(0, keepdims=True)) / std
    g = grad_out * weight
    grad_x = (g - g.mean(0, keepdims=True) - x_hat * (g * x_hat).mean(0, keepdims=True)) / std
    leading = tuple(range(x.ndim - 1))
    return grad_x, (grad_out * x_hat).sum(axis=leading), grad_out.sum(axis=leading)

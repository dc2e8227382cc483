"""Your grad_x treats the mean and the variance as constants (grad_x = grad_out * weight / std). They
are computed from x, so moving one feature moves them too: subtract the mean of g and the x̂-weighted
mean of g · x̂, as in the statement's formula. (A quick test of your own:
the true grad_x always sums to 0 over the features.)"""

import numpy as np


def layer_norm(x, weight, bias, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + eps)
    return x_hat * weight + bias


def layer_norm_backward(x, weight, bias, grad_out, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - x.mean(-1, keepdims=True)) / std
    leading = tuple(range(x.ndim - 1))
    return grad_out * weight / std, (grad_out * x_hat).sum(axis=leading), grad_out.sum(axis=leading)

"""Your weight gradient is transposed: x.T @ grad_output has shape (in, out), but the weight is
(out, in). A gradient always has the shape of its parameter: grad_output.T @ x."""

import numpy as np


class Linear:
    def __init__(self, in_features, out_features, rng):
        bound = 1.0 / np.sqrt(in_features)
        self.weight = rng.uniform(-bound, bound, size=(out_features, in_features))
        self.bias = rng.uniform(-bound, bound, size=out_features)
        self.zero_grad()

    def forward(self, x):
        self.x = x
        return x @ self.weight.T + self.bias

    def backward(self, grad_output):
        self.grad_weight += self.x.T @ grad_output  # (in, out): the wrong layout
        self.grad_bias += grad_output.sum(axis=0)
        return grad_output @ self.weight

    def zero_grad(self):
        self.grad_weight = np.zeros_like(self.weight.T)
        self.grad_bias = np.zeros_like(self.bias)

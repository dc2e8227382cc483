"""Your forward changed the caller's x: `x -= mean` (or any in-place operation on x) rewrites the batch
the caller gave you, which the rest of their network may still need. Compute into a new array, x_hat
= (x - mean) * inv_std; your formula is right."""

import numpy as np


class BatchNorm1d:
    """Normalise each of C features over the batch, then scale by weight and shift by bias."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        self.eps, self.momentum = eps, momentum
        self.weight, self.bias = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)
        self.grad_weight, self.grad_bias = np.zeros(num_features), np.zeros(num_features)
        self.training = True

    def train(self) -> None:
        self.training = True

    def eval(self) -> None:
        self.training = False

    def forward(self, x: np.ndarray) -> np.ndarray:
        if self.training:
            n = x.shape[0]
            mean, var = x.mean(axis=0), x.var(axis=0)  # (C,), biased: divides by N
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)  # unbiased
        else:
            mean, var = self.running_mean, self.running_var
        self.inv_std = 1.0 / np.sqrt(var + self.eps)  # (C,)
        x -= mean
        x *= self.inv_std
        self.x_hat = x  # (N, C)
        return self.weight * self.x_hat + self.bias

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        self.grad_weight += (grad_output * self.x_hat).sum(axis=0)
        self.grad_bias += grad_output.sum(axis=0)
        g = grad_output * self.weight  # dL/dx_hat, (N, C)
        if not self.training:
            return g * self.inv_std  # the statistics are constants
        # the mean and the variance depend on x too: two more terms
        return self.inv_std * (g - g.mean(axis=0) - self.x_hat * (g * self.x_hat).mean(axis=0))

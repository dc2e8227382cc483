"""Your step changed param.grad: `g = param.grad` is the same array, so `g += weight_decay *
param.data` (or `g *= ...`) writes into the gradient the caller gave you, and anything reading it
after the step (a logger, a second optimizer) sees the wrong numbers. Build a new array, g =
param.grad + weight_decay * param.data; only param.data changes in place."""

import numpy as np


class SGD:
    """PyTorch's SGD: v = momentum * v + (grad + weight_decay * data); data -= lr * v."""

    def __init__(
        self,
        params: list,
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ):
        self.params = list(params)
        self.lr, self.momentum, self.weight_decay, self.nesterov = lr, momentum, weight_decay, nesterov
        self.velocities = [np.zeros_like(p.data) for p in self.params]

    def step(self) -> None:
        for i, param in enumerate(self.params):
            g = param.grad
            g += self.weight_decay * param.data  # L2 regularisation's gradient
            if self.momentum:
                self.velocities[i] = self.momentum * self.velocities[i] + g
                g = g + self.momentum * self.velocities[i] if self.nesterov else self.velocities[i]
            param.data -= self.lr * g  # in place: the model holds this very array

    def zero_grad(self) -> None:
        for param in self.params:
            param.grad = np.zeros_like(param.data)

"""Stochastic gradient descent with momentum, Nesterov and weight decay. See statement.md."""

import numpy as np


class SGD:
    """PyTorch's SGD: v = momentum * v + (grad + weight_decay * data); data -= lr * v
    (Nesterov: data -= lr * (g + momentum * v))."""

    def __init__(self, params: list, lr: float, momentum: float = 0.0, weight_decay: float = 0.0, nesterov: bool = False):
        """params: objects with numpy arrays `data` and `grad`. Velocities start at zero."""
        raise NotImplementedError

    def step(self) -> None:
        """One update of every parameter, in place."""
        raise NotImplementedError

    def zero_grad(self) -> None:
        """Set every parameter's grad to zeros."""
        raise NotImplementedError

"""Parameter, Module and three modules: Linear, ReLU, Sequential. See statement.md."""

from __future__ import annotations

import numpy as np


class Parameter:
    """A trainable array: `data`, and `grad` (zeros of the same shape at first)."""

    def __init__(self, data: np.ndarray):
        raise NotImplementedError


class Module:
    """Anything that holds Parameters or other Modules as attributes."""

    def parameters(self) -> list[Parameter]:
        """Every Parameter in this module's attributes, recursively, in attribute order
        (Parameters, Modules, and lists or tuples of them)."""
        raise NotImplementedError

    def zero_grad(self) -> None:
        """Set every parameter's grad to zeros."""
        raise NotImplementedError

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class Linear(Module):
    """y = x @ weight.T + bias; weight (out_features, in_features), bias (out_features,) or None."""

    def __init__(self, in_features: int, out_features: int, rng: np.random.Generator, bias: bool = True):
        """weight, then bias (if any), uniform in [-1/sqrt(in_features), 1/sqrt(in_features)] from rng."""
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        """x (N, in_features) -> (N, out_features); keeps x for backward."""
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Accumulate weight.grad and bias.grad; return dL/dx, (N, in_features)."""
        raise NotImplementedError


class ReLU(Module):
    """max(x, 0), element-wise."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class Sequential(Module):
    """Layers applied in order; backward runs them in reverse."""

    def __init__(self, *layers: Module):
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        raise NotImplementedError

"""Your ReLU zeroed the negative entries of the caller's x in place (`x[x < 0] = 0`), so the layer
below, which may still need its output, sees it changed, and the result is the caller's array
itself. Return a new array: np.where(x > 0, x, 0.0) or np.maximum(x, 0.0)."""

from __future__ import annotations

import numpy as np


class Parameter:
    """A trainable array: `data`, and `grad` (zeros of the same shape at first)."""

    def __init__(self, data: np.ndarray):
        self.data = data
        self.grad = np.zeros_like(data)


class Module:
    """Anything that holds Parameters or other Modules as attributes."""

    def parameters(self) -> list[Parameter]:
        """Every Parameter in this module's attributes, recursively, in attribute order."""
        found: list[Parameter] = []
        for value in vars(self).values():
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                if isinstance(item, Parameter):
                    found.append(item)
                elif isinstance(item, Module):
                    found += item.parameters()
        return found

    def zero_grad(self) -> None:
        for parameter in self.parameters():
            parameter.grad = np.zeros_like(parameter.data)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class Linear(Module):
    """y = x @ weight.T + bias; weight (out_features, in_features), bias (out_features,) or None."""

    def __init__(self, in_features: int, out_features: int, rng: np.random.Generator, bias: bool = True):
        bound = 1.0 / np.sqrt(in_features)
        self.weight = Parameter(rng.uniform(-bound, bound, size=(out_features, in_features)))
        self.bias = Parameter(rng.uniform(-bound, bound, size=out_features)) if bias else None
        self.x: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x  # (N, in)
        out = x @ self.weight.data.T  # (N, out)
        return out + self.bias.data if self.bias is not None else out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        self.weight.grad += grad_output.T @ self.x  # (out, N) @ (N, in) -> (out, in)
        if self.bias is not None:
            self.bias.grad += grad_output.sum(axis=0)  # (out,)
        return grad_output @ self.weight.data  # (N, in)


class ReLU(Module):
    """max(x, 0), element-wise."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.mask = x > 0
        x[~self.mask] = 0.0
        return x

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        return np.where(self.mask, grad_output, 0.0)


class Sequential(Module):
    """Layers applied in order; backward runs them in reverse."""

    def __init__(self, *layers: Module):
        self.layers = list(layers)

    def forward(self, x: np.ndarray) -> np.ndarray:
        for layer in self.layers:
            x = layer(x)
        return x

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        for layer in reversed(self.layers):
            grad_output = layer.backward(grad_output)
        return grad_output

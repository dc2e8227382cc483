"""A linear layer with its backward pass. See statement.md."""

import numpy as np


class Linear:
    """y = x @ weight.T + bias, with weight (out_features, in_features) and bias (out_features,)."""

    def __init__(self, in_features: int, out_features: int, rng: np.random.Generator):
        """Draw weight, then bias, uniformly in [-1/sqrt(in_features), 1/sqrt(in_features)] from `rng`;
        set grad_weight and grad_bias to zeros of the same shapes."""
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        """x: (N, in_features) -> (N, out_features). Keeps x for backward."""
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """grad_output: dL/dy, (N, out_features). Adds dL/dweight and dL/dbias to grad_weight and
        grad_bias, and returns dL/dx, (N, in_features)."""
        raise NotImplementedError

    def zero_grad(self) -> None:
        """Reset grad_weight and grad_bias to zeros."""
        raise NotImplementedError

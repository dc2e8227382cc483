"""Your weight and bias have the right range but not the reference's values: draw the weight first,
then the bias, from the generator you are given, rng.uniform(-bound, bound, size=(out, in)) and then
rng.uniform(-bound, bound, size=out), so that the same seed gives the same layer."""

import numpy as np


class Linear:
    """y = x @ weight.T + bias, with weight (out_features, in_features) and bias (out_features,)."""

    def __init__(self, in_features: int, out_features: int, rng: np.random.Generator):
        bound = 1.0 / np.sqrt(in_features)
        self.bias = rng.uniform(-bound, bound, size=out_features)
        self.weight = rng.uniform(-bound, bound, size=(out_features, in_features))
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = np.zeros_like(self.bias)
        self.x: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x  # (N, in), needed for grad_weight
        return x @ self.weight.T + self.bias  # (N, out)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        self.grad_weight += grad_output.T @ self.x  # (out, N) @ (N, in) -> (out, in)
        self.grad_bias += grad_output.sum(axis=0)  # (out,): b was added to every row
        return grad_output @ self.weight  # (N, out) @ (out, in) -> (N, in)

    def zero_grad(self) -> None:
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = np.zeros_like(self.bias)

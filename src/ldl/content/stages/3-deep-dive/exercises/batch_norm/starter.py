"""BatchNorm1d: train/eval modes, running statistics, backward. See statement.md."""

import numpy as np


class BatchNorm1d:
    """Normalise each of C features over the batch, then scale by weight and shift by bias."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        """weight ones, bias zeros, running_mean zeros, running_var ones, grad_weight and grad_bias
        zeros (all of shape (num_features,)); training = True."""
        raise NotImplementedError

    def train(self) -> None:
        raise NotImplementedError

    def eval(self) -> None:
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        """x: (N, C) -> (N, C). Training: batch statistics (biased variance), and update the running
        ones (unbiased variance). Evaluation: the running statistics, no update."""
        raise NotImplementedError

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx (N, C) for the last forward call; adds to grad_weight and grad_bias."""
        raise NotImplementedError

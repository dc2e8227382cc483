"""Inverted dropout, forward and backward. See statement.md."""

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(x * mask, mask) with mask = (rng.random(x.shape) >= p) / (1 - p) in training mode.

    Evaluation mode or p == 0: (x, ones); p == 1: (zeros, zeros). Those cases draw nothing.
    """
    raise NotImplementedError


def dropout_backward(grad_output: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """dL/dx = dL/dy * mask."""
    raise NotImplementedError

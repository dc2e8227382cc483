"""Cross-entropy as the negative log-likelihood of softmax outputs. See statement.md."""

import numpy as np


def cross_entropy(logits: np.ndarray, targets: np.ndarray) -> float:
    """Mean over the batch of −log softmax(logits[n])[targets[n]]. logits (N, K), targets (N,) ints."""
    raise NotImplementedError


def cross_entropy_grad(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """∂ cross_entropy / ∂ logits, shape (N, K): (softmax − onehot) / N."""
    raise NotImplementedError

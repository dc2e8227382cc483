"""Reference solution: cross-entropy as the negative log-likelihood of softmax outputs."""

import numpy as np


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)  # (N, K); the max of each row is now 0
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(logits: np.ndarray, targets: np.ndarray) -> float:
    """Mean over the batch of −log softmax(logits[n])[targets[n]]. logits (N, K), targets (N,) ints."""
    log_probs = _log_softmax(logits)  # (N, K)
    return float(-log_probs[np.arange(len(targets)), targets].mean())


def cross_entropy_grad(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """∂ cross_entropy / ∂ logits, shape (N, K): (softmax − onehot) / N."""
    grad = np.exp(_log_softmax(logits))  # (N, K) probabilities
    grad[np.arange(len(targets)), targets] -= 1.0
    return grad / len(targets)

"""Loss functions: one number that says how wrong the model is, to be minimised.

`cross_entropy` is a fused primitive (softmax and log-likelihood in one numerically stable step);
the others are composed from Tensor operations.
"""

from __future__ import annotations

import numpy as np

from ldl.engine.fused import CrossEntropy
from ldl.engine.tensor import Tensor


def _targets(targets) -> np.ndarray:
    return np.asarray(targets.data if isinstance(targets, Tensor) else targets)


def mse_loss(prediction: Tensor, target) -> Tensor:
    """Mean squared error: mean((prediction - target)^2)."""
    diff = prediction - target
    return (diff * diff).mean()


def cross_entropy(logits: Tensor, targets, reduction: str = "mean") -> Tensor:
    """-(1/N) sum_n log softmax(logits_n)[y_n] for logits (N, K) and integer targets (N,).

    Takes raw scores (logits), not probabilities: the softmax is inside, where it can be stable.
    """
    return CrossEntropy.apply(logits, targets=_targets(targets), reduction=reduction)


def nll_loss(log_probs: Tensor, targets) -> Tensor:
    """Negative log-likelihood: -(1/N) sum_n log_probs[n, y_n], for log-probabilities (N, K)."""
    targets = _targets(targets)
    return -log_probs[np.arange(len(targets)), targets].mean()


def binary_cross_entropy(probs: Tensor, target, eps: float = 1e-7) -> Tensor:
    """-(1/N) sum [y log p + (1 - y) log(1 - p)] for probabilities p in (0, 1).

    p is clipped to [eps, 1 - eps] so that log(0) never happens.
    """
    p = probs.clamp(eps, 1.0 - eps)
    return -(target * p.log() + (1.0 - target) * (1.0 - p).log()).mean()


def binary_cross_entropy_with_logits(logits: Tensor, target) -> Tensor:
    """BCE on raw scores z, stable for any z:  max(z, 0) - z y + log(1 + e^-|z|)."""
    return (logits.relu() - logits * target + (1.0 + (-logits.abs()).exp()).log()).mean()

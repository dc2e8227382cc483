"""The AlphaZero loss, with illegal moves masked. See statement.md."""

import numpy as np


def alphazero_loss(
    logits: np.ndarray,
    values: np.ndarray,
    target_policies: np.ndarray,
    target_values: np.ndarray,
    legal: np.ndarray,
    weights: list | tuple = (),
    l2: float = 1e-4,
) -> tuple[float, float, float, float]:
    """mean (z - v)^2 + mean -sum_{legal a} pi_a log p_a + l2 sum ||w||^2, p = softmax over legal moves.

    logits (B, A), values (B,), target_policies (B, A), target_values (B,), legal (B, A) bool.
    Returns (total, value_loss, policy_loss, l2_loss) as floats."""
    raise NotImplementedError

"""PUCT, the selection rule of AlphaZero. See statement.md."""

import numpy as np


def puct_scores(
    priors: np.ndarray, visit_counts: np.ndarray, value_sums: np.ndarray, legal: np.ndarray, c_puct: float = 1.25
) -> np.ndarray:
    """Q(a) + c_puct P(a) sqrt(sum_b N(b)) / (1 + N(a)), Q = W/N (0 where N = 0); -inf where illegal.

    All inputs (A,); returns (A,) float64."""
    raise NotImplementedError


def puct_select(
    priors: np.ndarray, visit_counts: np.ndarray, value_sums: np.ndarray, legal: np.ndarray, c_puct: float = 1.25
) -> int:
    """The legal action with the highest PUCT score (the first among ties)."""
    raise NotImplementedError

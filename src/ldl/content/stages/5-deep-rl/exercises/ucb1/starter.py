"""UCB1, the bandit rule inside classic MCTS. See statement.md."""

import math

import numpy as np


def ucb1_scores(value_sums: np.ndarray, visit_counts: np.ndarray, c: float = math.sqrt(2)) -> np.ndarray:
    """UCB1(a) = W_a / n_a + c sqrt(ln N / n_a) with N = sum_b n_b; +inf where n_a == 0.

    value_sums (K,) float, visit_counts (K,) int -> scores (K,) float64."""
    raise NotImplementedError


def ucb1_select(value_sums: np.ndarray, visit_counts: np.ndarray, c: float = math.sqrt(2)) -> int:
    """The index of the highest UCB1 score, the first among ties."""
    raise NotImplementedError

"""From visit counts to a move, with a temperature. See statement.md."""

import numpy as np


def visit_policy(visit_counts: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """pi(a) = N(a)^(1/T) / sum_b N(b)^(1/T); T = 0: uniform over the most visited moves.
    (A,) int -> (A,) float64, with no overflow for small T."""
    raise NotImplementedError


def select_move(visit_counts: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """One move drawn from visit_policy(visit_counts, temperature) with one rng.choice call."""
    raise NotImplementedError

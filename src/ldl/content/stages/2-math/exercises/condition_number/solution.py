"""Reference solution: the condition number of a matrix."""

import numpy as np


def condition_number(A: np.ndarray) -> float:
    """σ_max(A) / σ_min(A) for square A; np.inf when A is singular."""
    singular_values = np.linalg.svd(A, compute_uv=False)  # largest first
    smallest = singular_values[-1]
    return float(np.inf) if smallest == 0 else float(singular_values[0] / smallest)


def digits_lost(A: np.ndarray) -> float:
    """log10 of the condition number: the decimal digits a solve with A can lose."""
    return float(np.log10(condition_number(A)))

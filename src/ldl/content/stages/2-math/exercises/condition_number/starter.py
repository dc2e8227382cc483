"""The condition number of a matrix. See statement.md."""

import numpy as np


def condition_number(A: np.ndarray) -> float:
    """σ_max(A) / σ_min(A) for square A; np.inf when A is singular."""
    raise NotImplementedError


def digits_lost(A: np.ndarray) -> float:
    """log10 of the condition number: the decimal digits a solve with A can lose."""
    raise NotImplementedError

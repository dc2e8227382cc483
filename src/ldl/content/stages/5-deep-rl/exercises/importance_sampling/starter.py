"""Importance-sampling ratios for off-policy evaluation. See statement.md."""

import numpy as np


def per_decision_ratios(target_probs: np.ndarray, behaviour_probs: np.ndarray) -> np.ndarray:
    """rho_t = prod_{k >= t} target_probs[k] / behaviour_probs[k], float64 (T,)."""
    raise NotImplementedError


def ordinary_is(weights: np.ndarray, returns: np.ndarray) -> float:
    """mean(weights * returns)."""
    raise NotImplementedError


def weighted_is(weights: np.ndarray, returns: np.ndarray) -> float:
    """sum(weights * returns) / sum(weights), or 0.0 if the weights sum to 0."""
    raise NotImplementedError

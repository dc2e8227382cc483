"""Bayes' rule. See statement.md."""

import numpy as np


def posterior(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """P(H | E) from P(H) and P(E | H), both (k,); returns (k,) summing to 1."""
    raise NotImplementedError


def disease_test(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(sick | positive test)."""
    raise NotImplementedError

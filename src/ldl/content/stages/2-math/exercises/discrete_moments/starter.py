"""Expectation and variance of a discrete distribution. See statement.md."""

import numpy as np


def mean_and_variance(values: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """(E[X], Var[X]) for X taking values[i] with probability probs[i]; both (k,)."""
    raise NotImplementedError

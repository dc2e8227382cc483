"""Reference solution: expectation and variance of a discrete distribution."""

import numpy as np


def mean_and_variance(values: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """(E[X], Var[X]) for X taking values[i] with probability probs[i]; both (k,)."""
    mean = float(probs @ values)
    variance = float(probs @ (values - mean) ** 2)  # the two-pass form: no cancellation
    return mean, variance

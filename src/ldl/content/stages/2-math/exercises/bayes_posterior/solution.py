"""Reference solution: Bayes' rule."""

import numpy as np


def posterior(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """P(H | E) from P(H) and P(E | H), both (k,); returns (k,) summing to 1."""
    joint = prior * likelihood  # P(E and H_i)
    return joint / joint.sum()  # divide by P(E)


def disease_test(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(sick | positive test)."""
    prior = np.array([prevalence, 1 - prevalence])  # (sick, healthy)
    likelihood = np.array([sensitivity, 1 - specificity])  # P(positive | each)
    return float(posterior(prior, likelihood)[0])

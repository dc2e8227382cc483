"""You averaged the values as if they were all equally likely. An expectation weights each value by
its probability: E[X] = Σ pᵢ xᵢ, and the variance uses the same weights."""

import numpy as np


def mean_and_variance(values, probs):
    return float(np.mean(values)), float(np.var(values))

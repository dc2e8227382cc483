"""You added eps to the variance (sqrt(var + eps)) rather than to the standard deviation. Both
avoid a division by zero, but they differ: the statement asks for (x - mean) / (std + eps)."""

import numpy as np


def normalise_advantages(advantages, eps=1e-8):
    return (advantages - advantages.mean()) / np.sqrt(advantages.var() + eps)

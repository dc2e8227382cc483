"""You used the sample standard deviation (ddof=1, torch.std's default). The statement asks for
the population one (ddof=0, np.std's default); with small minibatches the difference is visible."""

import numpy as np


def normalise_advantages(advantages, eps=1e-8):
    std = np.std(advantages, ddof=1) if advantages.size > 1 else 0.0
    return (advantages - advantages.mean()) / (std + eps)

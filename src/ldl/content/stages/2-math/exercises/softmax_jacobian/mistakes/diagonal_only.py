"""You have the diagonal sᵢ(1 − sᵢ) right but left the rest zero. Every softmax output depends on
every logit through the normalising sum, so ∂sᵢ/∂zⱼ = −sᵢsⱼ for j ≠ i: J = diag(s) − s sᵀ."""

import numpy as np


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def softmax_jacobian(z):
    s = softmax(z)
    return np.diag(s * (1 - s))

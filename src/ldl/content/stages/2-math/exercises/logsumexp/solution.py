"""Reference solution for logsumexp."""

import numpy as np


def logsumexp(x: np.ndarray, axis: int | None = None, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(x))) along `axis` (all entries if None), computed as m + log(sum(exp(x - m)))."""
    m = np.max(x, axis=axis, keepdims=True)  # shape of x with the reduced axis (or all) set to 1
    m = np.where(np.isfinite(m), m, 0.0)  # rows of -inf: shift by 0 instead of nan
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer for a row of -inf
        out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    if keepdims:
        return out
    return out.reshape(()) if axis is None else np.squeeze(out, axis=axis)

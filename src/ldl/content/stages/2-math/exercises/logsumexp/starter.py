"""Log-sum-exp without overflow. See statement.md."""

import numpy as np


def logsumexp(x: np.ndarray, axis: int | None = None, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(x))) along `axis` (all entries if None), computed as m + log(sum(exp(x - m))).

    x: an array of any shape. The result has the shape of np.sum(x, axis=axis, keepdims=keepdims);
    it is finite whenever the true value is, and -inf for a row that is all -inf.
    """
    raise NotImplementedError

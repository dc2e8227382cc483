"""You called `np.linalg.cond`. It computes exactly this, but the exercise is to see where the
number comes from: take the singular values with `np.linalg.svd(A, compute_uv=False)` and divide
the largest by the smallest (np.inf when the smallest is 0)."""

import numpy as np


def condition_number(A):
    return float(np.linalg.cond(A))


def digits_lost(A):
    return float(np.log10(condition_number(A)))

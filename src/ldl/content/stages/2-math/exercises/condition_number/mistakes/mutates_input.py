"""Your condition number is right, but you rescaled the caller's matrix in place (`A /= ...`) before
the SVD: after your call their matrix has changed. The condition number does not depend on the
scale of A anyway, so there is nothing to rescale: take the SVD of A as it is."""

import numpy as np


def condition_number(A):
    A /= np.abs(A).max() or 1.0
    singular_values = np.linalg.svd(A, compute_uv=False)
    smallest = singular_values[-1]
    return float(np.inf) if smallest == 0 else float(singular_values[0] / smallest)


def digits_lost(A):
    return float(np.log10(condition_number(A)))

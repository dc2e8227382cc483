"""Your gradient is A x − b, which is right only for a symmetric A. x appears twice in xᵀAx (once
on each side of A), so the derivative has a row part and a column part: ½ (A + Aᵀ) x − b."""

import numpy as np


def quadratic_value(A, b, x):
    return float(0.5 * x @ A @ x - b @ x)


def quadratic_gradient(A, b, x):
    return A @ x - b


def quadratic_hessian(A):
    return np.array(A, dtype=np.float64)

"""Your Jacobian is the transpose of the expected one. A Jacobian has one row per output fᵢ and one
column per input xⱼ: J[i, j] = ∂fᵢ/∂xⱼ = Wᵢⱼ, so for f = Wx + b it is W itself, shape (m, n)."""

import numpy as np


def jacobian_wrt_x(W, b, x):
    return np.array(W, dtype=np.float64).T


def jacobian_wrt_b(W, b, x):
    return np.eye(len(b))

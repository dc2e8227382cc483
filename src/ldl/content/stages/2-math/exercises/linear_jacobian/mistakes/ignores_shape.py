"""Your ∂f/∂b has the shape of W, not (m, m). The bias has m entries and f has m outputs, so the
Jacobian with respect to b is m x m, and since fᵢ depends on bᵢ alone with slope 1, it is the
identity: `np.eye(len(b))`."""

import numpy as np


def jacobian_wrt_x(W, b, x):
    return np.array(W, dtype=np.float64)


def jacobian_wrt_b(W, b, x):
    return np.eye(*np.shape(W))

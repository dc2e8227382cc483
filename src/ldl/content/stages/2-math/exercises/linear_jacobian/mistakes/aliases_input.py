"""Your Jacobian has the right numbers, but you returned the caller's `W` itself, not a new array:
whoever changes the Jacobian later (say, a gradient update that scales it) silently changes the
layer's weights too. Return a copy: `np.array(W, dtype=np.float64)`."""

import numpy as np


def jacobian_wrt_x(W, b, x):
    return W


def jacobian_wrt_b(W, b, x):
    return np.eye(len(b))

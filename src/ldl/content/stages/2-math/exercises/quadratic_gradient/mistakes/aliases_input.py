"""Your Hessian has the right numbers, but for a symmetric A you returned the caller's array
itself. Whoever modifies the Hessian afterwards (damping it, say) would silently modify A too.
Always return a new array: `0.5 * (A + A.T)` costs nothing."""

import numpy as np


def quadratic_value(A, b, x):
    return float(0.5 * x @ A @ x - b @ x)


def quadratic_gradient(A, b, x):
    return 0.5 * (A + A.T) @ x - b


def quadratic_hessian(A):
    if np.array_equal(A, A.T):
        return A
    return 0.5 * (A + A.T)

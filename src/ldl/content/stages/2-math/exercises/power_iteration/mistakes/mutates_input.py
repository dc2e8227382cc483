"""Your eigenpair is right, but you rescaled the caller's matrix in place (`A /= ...`) to keep the
numbers small: after your call their matrix has changed. Normalising x after each step already
keeps the numbers finite; leave A as it is."""

import numpy as np


def power_iteration(A, num_steps=200, seed=0):
    scale = np.abs(A).max()
    A /= scale
    x = np.random.default_rng(seed).normal(size=len(A))
    x /= np.linalg.norm(x)
    for _ in range(num_steps):
        x = A @ x
        x /= np.linalg.norm(x)
    return float(x @ A @ x) * scale, x

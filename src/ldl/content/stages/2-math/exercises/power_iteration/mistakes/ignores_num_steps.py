"""Your loop runs a fixed number of steps (or until convergence) instead of `num_steps`. The caller
chooses the budget: after exactly num_steps multiplications by A, return the Rayleigh quotient and
the unit vector you have, converged or not."""

import numpy as np


def power_iteration(A, num_steps=200, seed=0):
    x = np.random.default_rng(seed).normal(size=len(A))
    x /= np.linalg.norm(x)
    for _ in range(500):
        x = A @ x
        x /= np.linalg.norm(x)
    return float(x @ A @ x), x

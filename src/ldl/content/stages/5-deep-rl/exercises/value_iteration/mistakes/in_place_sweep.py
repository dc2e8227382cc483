"""You updated V state by state inside a sweep, so later states already see this sweep's new
values (that is Gauss-Seidel value iteration: it converges too, but to the exercise's numbers only
at the very end). The sweeps asked for are synchronous: compute the whole new V from the old one,
V_new = (R + gamma * (P @ V)).max(axis=1)."""

import numpy as np


def value_iteration(P, R, gamma, theta=1e-8, max_iterations=10_000):
    V = np.zeros(R.shape[0])
    for _ in range(max_iterations):
        delta = 0.0
        for s in range(R.shape[0]):
            new = np.max(R[s] + gamma * (P[s] @ V))
            delta = max(delta, abs(new - V[s]))
            V[s] = new
        if delta < theta:
            break
    return V, np.argmax(R + gamma * (P @ V), axis=1).astype(np.int64)

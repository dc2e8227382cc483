"""Your policy holds the right actions but as floats (for example from np.zeros(S) filled in a loop).
Actions are indices: return an int64 array (np.argmax already gives integers)."""

import numpy as np


def value_iteration(P, R, gamma, theta=1e-8, max_iterations=10_000):
    V = np.zeros(R.shape[0])
    for _ in range(max_iterations):
        V_new = (R + gamma * (P @ V)).max(axis=1)
        delta = np.max(np.abs(V_new - V))
        V = V_new
        if delta < theta:
            break
    return V, np.argmax(R + gamma * (P @ V), axis=1).astype(np.float64)

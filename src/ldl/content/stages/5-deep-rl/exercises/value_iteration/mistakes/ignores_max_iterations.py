"""Your sweeps are right, but you ignore `max_iterations` (or `theta`): the caller asked you to stop
after that many sweeps, or as soon as the largest change is below theta, and to return the values
you have at that point."""

import numpy as np


def value_iteration(P, R, gamma, theta=1e-8, max_iterations=10_000):
    V = np.zeros(R.shape[0])
    while True:
        V_new = (R + gamma * (P @ V)).max(axis=1)
        if np.max(np.abs(V_new - V)) < 1e-8:
            V = V_new
            break
        V = V_new
    return V, np.argmax(R + gamma * (P @ V), axis=1).astype(np.int64)

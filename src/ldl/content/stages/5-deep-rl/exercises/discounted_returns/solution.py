"""Reference solution for discounted_returns."""

import numpy as np


def discounted_returns(rewards, dones, gamma):
    """G_t = r_t + gamma * G_{t+1} * (1 - dones[t]), G_T = 0, as a float64 (T,) array."""
    out = np.zeros(len(rewards))
    G = 0.0
    for t in reversed(range(len(rewards))):
        G = rewards[t] + gamma * G * (1.0 - float(dones[t]))  # a finished episode carries nothing over
        out[t] = G
    return out

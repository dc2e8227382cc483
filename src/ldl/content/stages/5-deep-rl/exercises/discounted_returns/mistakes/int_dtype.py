"""With integer rewards your output is an integer array, so discounted values are rounded. Build
the output as float64 (np.zeros(T) is float64; np.zeros_like(rewards) copies the int dtype)."""

import numpy as np


def discounted_returns(rewards, dones, gamma):
    out, G = np.zeros_like(rewards), 0.0
    for t in reversed(range(len(rewards))):
        G = rewards[t] + gamma * G * (1.0 - float(dones[t]))
        out[t] = G
    return out

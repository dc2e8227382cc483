"""Your returns run across episode boundaries: the reward of the next episode leaks into the
last steps of this one. When dones[t] is True, the running return must restart:
G = r_t + gamma * G * (1 - dones[t])."""

import numpy as np


def discounted_returns(rewards, dones, gamma):
    out, G = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        G = rewards[t] + gamma * G
        out[t] = G
    return out

"""You accumulate forwards in time, so each step gets the rewards that came *before* it.
Reward-to-go looks ahead: loop from the last step to the first."""

import numpy as np


def discounted_returns(rewards, dones, gamma):
    out, G = np.zeros(len(rewards)), 0.0
    for t in range(len(rewards)):
        G = rewards[t] + gamma * G
        out[t] = G
        if dones[t]:
            G = 0.0
    return out

"""You reset the running return one step late: at the last step of an episode you still add the
discounted return of the next episode, and reset only afterwards. Apply the (1 - dones[t]) to the
G carried in from t + 1, before adding r_t."""

import numpy as np


def discounted_returns(rewards, dones, gamma):
    out, G = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        G = rewards[t] + gamma * G
        out[t] = G
        if dones[t]:
            G = 0.0
    return out

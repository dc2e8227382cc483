"""You stop bootstrapping when the episode was *truncated* (a time limit), not only when it
*terminated*. A truncated state still has a future: its target is r + gamma * V[s_next]. Only
`terminated` means the next state is worth 0."""

import numpy as np


def td_zero(V, transitions, alpha=0.1, gamma=0.99):
    V = V.astype(np.float64, copy=True)
    for s, r, s_next, terminated, truncated in transitions:
        done = terminated or truncated
        V[s] += alpha * (r + (0.0 if done else gamma * V[s_next]) - V[s])
    return V

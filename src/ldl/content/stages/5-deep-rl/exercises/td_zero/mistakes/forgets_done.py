"""You always bootstrap, even from a terminal state: the target after the last step of an episode
is just r, since nothing follows. Multiply the bootstrap term by (1 - terminated)."""

import numpy as np


def td_zero(V, transitions, alpha=0.1, gamma=0.99):
    V = V.astype(np.float64, copy=True)
    for s, r, s_next, _terminated, _truncated in transitions:
        V[s] += alpha * (r + gamma * V[s_next] - V[s])
    return V

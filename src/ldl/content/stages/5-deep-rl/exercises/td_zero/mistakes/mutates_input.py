"""Your updates are right, but you made them in the caller's `V` array. Work on a copy
(`V = V.astype(np.float64, copy=True)`) and return it."""

import numpy as np


def td_zero(V, transitions, alpha=0.1, gamma=0.99):
    for s, r, s_next, terminated, _truncated in transitions:
        V[s] += alpha * (r + (0.0 if terminated else gamma * V[s_next]) - V[s])
    return V.astype(np.float64)

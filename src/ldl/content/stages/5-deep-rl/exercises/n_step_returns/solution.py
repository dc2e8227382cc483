"""Reference solution for n_step_returns."""

import numpy as np


def n_step_returns(rewards, values, terminated, gamma, n=3):
    """G_t = sum_{k<n} gamma^k r_{t+k} + gamma^n V(s_{t+n}), cut at the trajectory's end (T,)."""
    T = len(rewards)
    out = np.zeros(T)
    for t in range(T):
        end = min(t + n, T)  # the state we bootstrap from is s_end
        G = sum(gamma ** (k - t) * rewards[k] for k in range(t, end))
        if end < T or not terminated:  # s_T is worth 0 only if the episode terminated there
            G += gamma ** (end - t) * values[end]
        out[t] = G
    return out

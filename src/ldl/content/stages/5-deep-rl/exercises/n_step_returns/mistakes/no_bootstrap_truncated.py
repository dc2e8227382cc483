"""At the end of a trajectory that was only *truncated*, you drop the bootstrap. The last state
still has a future: add gamma ** (T - t) * values[T] unless the episode terminated."""

import numpy as np


def n_step_returns(rewards, values, terminated, gamma, n=3):
    T = len(rewards)
    out = np.zeros(T)
    for t in range(T):
        end = min(t + n, T)
        G = sum(gamma ** (k - t) * rewards[k] for k in range(t, end))
        if end < T:
            G += gamma ** (end - t) * values[end]
        out[t] = G
    return out

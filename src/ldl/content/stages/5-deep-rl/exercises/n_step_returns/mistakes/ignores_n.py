"""You always use n = 3 (or another fixed length), whatever `n` the caller passes. The number of
real rewards before bootstrapping is the argument `n`."""

import numpy as np


def n_step_returns(rewards, values, terminated, gamma, n=3):
    T = len(rewards)
    out = np.zeros(T)
    for t in range(T):
        end = min(t + 3, T)
        G = sum(gamma ** (k - t) * rewards[k] for k in range(t, end))
        if end < T or not terminated:
            G += gamma ** (end - t) * values[end]
        out[t] = G
    return out

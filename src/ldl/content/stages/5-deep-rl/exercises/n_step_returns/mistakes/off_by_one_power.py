"""The bootstrap is discounted once too many (or too few) times. After n rewards r_t..r_{t+n-1},
the state s_{t+n} is n steps away: its value gets gamma ** n (gamma ** (end - t) near the end)."""

import numpy as np


def n_step_returns(rewards, values, terminated, gamma, n=3):
    T = len(rewards)
    out = np.zeros(T)
    for t in range(T):
        end = min(t + n, T)
        G = sum(gamma ** (k - t) * rewards[k] for k in range(t, end))
        if end < T or not terminated:
            G += gamma ** (end - t + 1) * values[end]
        out[t] = G
    return out

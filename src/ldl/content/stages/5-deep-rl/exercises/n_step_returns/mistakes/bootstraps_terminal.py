"""You bootstrap from V(s_T) even when the episode terminated there. A terminal state has no
future: near the end of a terminated trajectory the n-step return is just the remaining rewards."""

import numpy as np


def n_step_returns(rewards, values, terminated, gamma, n=3):
    T = len(rewards)
    out = np.zeros(T)
    for t in range(T):
        end = min(t + n, T)
        out[t] = sum(gamma ** (k - t) * rewards[k] for k in range(t, end)) + gamma ** (end - t) * values[end]
    return out

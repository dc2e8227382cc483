"""You bootstrap from V(s_{t+1}) even when the episode terminated: a terminal state is worth 0,
so delta_t = r_t - V(s_t) there. Multiply the bootstrap by (1 - terminated_t)."""

import numpy as np


def gae(rewards, values, next_values, terminated, truncated, gamma=0.99, lam=0.95):
    carry = 1.0 - np.asarray(np.logical_or(terminated, truncated), dtype=np.float64)
    advantages, A = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        delta = rewards[t] + gamma * next_values[t] - values[t]
        A = delta + gamma * lam * carry[t] * A
        advantages[t] = A
    return advantages, advantages + values

"""You treat a truncated step like a terminated one and drop its bootstrap. A time limit does not
make the state terminal: its TD error is r + gamma * V(final observation) - V(s). Only
`terminated` removes the bootstrap; `truncated` only stops the sum."""

import numpy as np


def gae(rewards, values, next_values, terminated, truncated, gamma=0.99, lam=0.95):
    ended = 1.0 - np.asarray(np.logical_or(terminated, truncated), dtype=np.float64)
    advantages, A = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        delta = rewards[t] + gamma * ended[t] * next_values[t] - values[t]
        A = delta + gamma * lam * ended[t] * A
        advantages[t] = A
    return advantages, advantages + values

"""Your advantages run across episode boundaries: after an episode ends (terminated *or*
truncated), the TD errors of the next episode leak into it. Multiply the carried A_{t+1} by
(1 - ended_t)."""

import numpy as np


def gae(rewards, values, next_values, terminated, truncated, gamma=0.99, lam=0.95):
    alive = 1.0 - np.asarray(terminated, dtype=np.float64)
    advantages, A = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        delta = rewards[t] + gamma * alive[t] * next_values[t] - values[t]
        A = delta + gamma * lam * alive[t] * A
        advantages[t] = A
    return advantages, advantages + values

"""You ignore `lam` (the sum uses gamma alone, which is lambda = 1, the Monte Carlo advantage).
Each further TD error is weighted by (gamma * lam) ** l."""

import numpy as np


def gae(rewards, values, next_values, terminated, truncated, gamma=0.99, lam=0.95):
    alive = 1.0 - np.asarray(terminated, dtype=np.float64)
    carry = 1.0 - np.asarray(np.logical_or(terminated, truncated), dtype=np.float64)
    advantages, A = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        A = rewards[t] + gamma * alive[t] * next_values[t] - values[t] + gamma * carry[t] * A
        advantages[t] = A
    return advantages, advantages + values

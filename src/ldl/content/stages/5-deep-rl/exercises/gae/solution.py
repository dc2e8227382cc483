"""Reference solution for gae."""

import numpy as np


def gae(rewards, values, next_values, terminated, truncated, gamma=0.99, lam=0.95):
    """Advantages by GAE(lambda), bootstrapping through truncation but not termination."""
    T = len(rewards)
    alive = 1.0 - np.asarray(terminated, dtype=np.float64)  # bootstrap unless s_{t+1} is terminal
    carry = 1.0 - np.asarray(np.logical_or(terminated, truncated), dtype=np.float64)  # same episode?
    advantages = np.zeros(T)
    A = 0.0
    for t in reversed(range(T)):
        delta = rewards[t] + gamma * alive[t] * next_values[t] - values[t]
        A = delta + gamma * lam * carry[t] * A
        advantages[t] = A
    return advantages, advantages + values

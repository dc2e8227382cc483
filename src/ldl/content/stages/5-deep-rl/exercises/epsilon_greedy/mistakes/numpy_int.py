"""Your actions are numpy integers (np.argmax returns np.int64). Gymnasium accepts them, but
this function promises a Python int: wrap the result with int(...)."""

import numpy as np


def linear_epsilon(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(start + min(step / decay_steps, 1.0) * (end - start))


def epsilon_greedy(q_values, epsilon, rng):
    if rng.random() < epsilon:
        return rng.integers(len(q_values))
    return np.argmax(q_values)

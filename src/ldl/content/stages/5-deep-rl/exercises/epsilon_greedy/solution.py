"""Reference solution for epsilon_greedy."""

import numpy as np


def linear_epsilon(step, start=1.0, end=0.05, decay_steps=10_000):
    """From `start` to `end` linearly over `decay_steps` steps, then `end`."""
    fraction = min(step / decay_steps, 1.0)
    return float(start + fraction * (end - start))


def epsilon_greedy(q_values, epsilon, rng):
    """One rng.random() decides: below epsilon, a uniform random action (rng.integers); else the argmax."""
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))

"""When exploring you pick among the *other* actions only. Epsilon-greedy explores uniformly over
all actions (the greedy one included): `rng.integers(len(q_values))`."""

import numpy as np


def linear_epsilon(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(start + min(step / decay_steps, 1.0) * (end - start))


def epsilon_greedy(q_values, epsilon, rng):
    best = int(np.argmax(q_values))
    if rng.random() < epsilon:
        other = int(rng.integers(len(q_values) - 1))
        return other if other < best else other + 1
    return best

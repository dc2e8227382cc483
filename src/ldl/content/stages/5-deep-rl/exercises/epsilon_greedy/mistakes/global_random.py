"""You drew from numpy's global generator (np.random.random / np.random.randint). The caller
passed you `rng` so that the run is reproducible from its seed: use rng.random() and
rng.integers(...) only."""

import numpy as np


def linear_epsilon(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(start + min(step / decay_steps, 1.0) * (end - start))


def epsilon_greedy(q_values, epsilon, rng):
    if np.random.random() < epsilon:
        return int(np.random.randint(len(q_values)))
    return int(np.argmax(q_values))

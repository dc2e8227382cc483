"""You draw the random action every time, even when exploiting. The choices look right but the
generator advances differently, so every later draw in the agent changes: draw rng.integers only
when you explore."""

import numpy as np


def linear_epsilon(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(start + min(step / decay_steps, 1.0) * (end - start))


def epsilon_greedy(q_values, epsilon, rng):
    explore = rng.random() < epsilon
    random_action = int(rng.integers(len(q_values)))
    return random_action if explore else int(np.argmax(q_values))

"""Your schedule keeps going past `decay_steps`: after the decay, epsilon must stay at `end`
(clamp the fraction with min(step / decay_steps, 1)). Otherwise it goes negative and the agent
never explores again, or worse."""

import numpy as np


def linear_epsilon(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(start + (step / decay_steps) * (end - start))


def epsilon_greedy(q_values, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))

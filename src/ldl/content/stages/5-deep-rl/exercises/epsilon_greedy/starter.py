"""Epsilon-greedy with a decaying epsilon. See statement.md."""

import numpy as np


def linear_epsilon(step: int, start: float = 1.0, end: float = 0.05, decay_steps: int = 10_000) -> float:
    """From `start` to `end` linearly over `decay_steps` steps, then `end`."""
    raise NotImplementedError


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    """One rng.random() decides: below epsilon, a uniform random action (rng.integers); else the argmax."""
    raise NotImplementedError

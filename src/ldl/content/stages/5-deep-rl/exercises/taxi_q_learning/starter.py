"""Q-learning on Taxi: the update, then the whole agent. See statement.md."""

import numpy as np


def q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma):
    """Q[s, a] += alpha * (r + gamma * (1 - terminated) * max_a' Q[s', a'] - Q[s, a]), in place."""
    raise NotImplementedError


def train(make_env, seed, total_steps):
    """Train a Q-learning agent for `total_steps` steps on env = make_env(); return Q, (S, A)."""
    raise NotImplementedError

"""The SARSA, Q-learning and Expected SARSA targets. See statement.md."""

import numpy as np


def sarsa_target(rewards, next_q, next_actions, terminated, gamma):
    """r + gamma * (1 - terminated) * next_q[i, next_actions[i]], shape (B,)."""
    raise NotImplementedError


def q_learning_target(rewards, next_q, terminated, gamma):
    """r + gamma * (1 - terminated) * max_a next_q[i, a], shape (B,)."""
    raise NotImplementedError


def expected_sarsa_target(rewards, next_q, next_probs, terminated, gamma):
    """r + gamma * (1 - terminated) * sum_a next_probs[i, a] * next_q[i, a], shape (B,)."""
    raise NotImplementedError

"""Reference solution for td_targets."""

import numpy as np


def _alive(terminated):
    return 1.0 - np.asarray(terminated, dtype=np.float64)  # 0 where s' is terminal


def sarsa_target(rewards, next_q, next_actions, terminated, gamma):
    """r + gamma * (1 - terminated) * next_q[i, next_actions[i]], shape (B,)."""
    taken = next_q[np.arange(len(rewards)), next_actions]  # (B,)
    return rewards + gamma * _alive(terminated) * taken


def q_learning_target(rewards, next_q, terminated, gamma):
    """r + gamma * (1 - terminated) * max_a next_q[i, a], shape (B,)."""
    return rewards + gamma * _alive(terminated) * next_q.max(axis=1)


def expected_sarsa_target(rewards, next_q, next_probs, terminated, gamma):
    """r + gamma * (1 - terminated) * sum_a next_probs[i, a] * next_q[i, a], shape (B,)."""
    return rewards + gamma * _alive(terminated) * np.sum(next_probs * next_q, axis=1)

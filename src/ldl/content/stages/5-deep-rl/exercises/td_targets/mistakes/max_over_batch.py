"""Your max runs over the batch (axis 0) instead of over the actions of each next state (axis 1):
next_q is (B, A), and each transition needs max over its own row."""

import numpy as np


def _alive(terminated):
    return 1.0 - np.asarray(terminated, dtype=np.float64)


def sarsa_target(rewards, next_q, next_actions, terminated, gamma):
    return rewards + gamma * _alive(terminated) * next_q[np.arange(len(rewards)), next_actions]


def q_learning_target(rewards, next_q, terminated, gamma):
    return rewards + gamma * _alive(terminated) * next_q.max(axis=0)[: len(rewards)]


def expected_sarsa_target(rewards, next_q, next_probs, terminated, gamma):
    return rewards + gamma * _alive(terminated) * np.sum(next_probs * next_q, axis=1)

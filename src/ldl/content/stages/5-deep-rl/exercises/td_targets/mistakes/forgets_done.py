"""You bootstrap from the next state even when it is terminal. After a terminal step nothing
follows: the target is just r. Multiply the bootstrap term by (1 - terminated)."""

import numpy as np


def sarsa_target(rewards, next_q, next_actions, terminated, gamma):
    return rewards + gamma * next_q[np.arange(len(rewards)), next_actions]


def q_learning_target(rewards, next_q, terminated, gamma):
    return rewards + gamma * next_q.max(axis=1)


def expected_sarsa_target(rewards, next_q, next_probs, terminated, gamma):
    return rewards + gamma * np.sum(next_probs * next_q, axis=1)

"""You took the best action's value (a max over actions): that is the Bellman *optimality* backup
of value iteration. Policy evaluation averages the action values with the policy's
probabilities: sum over a of policy[s, a] * q[s, a]."""

import numpy as np


def bellman_backup(P, R, policy, V, gamma):
    q = R + gamma * (P @ V)
    return np.max(q, axis=1)

"""Reference solution for first_visit_mc."""

import numpy as np


def first_visit_mc(episodes, num_states, gamma=1.0):
    """Average of first-visit returns per state over `episodes` [(states, rewards), ...]; 0 if unseen."""
    total, count = np.zeros(num_states), np.zeros(num_states)
    for states, rewards in episodes:
        returns = np.zeros(len(rewards))
        G = 0.0
        for t in reversed(range(len(rewards))):  # G_t = r_{t+1} + gamma * G_{t+1}
            G = rewards[t] + gamma * G
            returns[t] = G
        first = {}
        for t, s in enumerate(states):
            first.setdefault(s, t)
        for s, t in first.items():
            total[s] += returns[t]
            count[s] += 1
    return np.divide(total, count, out=np.zeros(num_states), where=count > 0)

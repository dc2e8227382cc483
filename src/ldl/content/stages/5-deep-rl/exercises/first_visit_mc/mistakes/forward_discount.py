"""Your returns discount in the wrong direction: the *later* rewards get the smaller weights,
G_t = r_{t+1} + gamma r_{t+2} + ... . Accumulate backwards from the end: G = r + gamma * G."""

import numpy as np


def first_visit_mc(episodes, num_states, gamma=1.0):
    total, count = np.zeros(num_states), np.zeros(num_states)
    for states, rewards in episodes:
        seen = set()
        for t, s in enumerate(states):
            if s in seen:
                continue
            seen.add(s)
            G = sum(gamma ** (len(rewards) - 1 - k) * rewards[k] for k in range(t, len(rewards)))
            total[s] += G
            count[s] += 1
    return np.divide(total, count, out=np.zeros(num_states), where=count > 0)

"""Your ended_last is not the last step's ends: the next rollout needs to know which environments
ended an episode at *this* rollout's final step, ended[-1] (terminated or truncated there)."""

import numpy as np


def autoreset_mask(terminated, truncated, ended_before):
    ended = terminated | truncated
    previous = np.concatenate([ended_before[None], ended[:-1]], axis=0)
    return ~previous, ended_before.copy()

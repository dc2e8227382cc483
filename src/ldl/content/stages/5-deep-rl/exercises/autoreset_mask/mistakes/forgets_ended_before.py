"""Your first step of the rollout is always valid, but an episode that ended at the previous
rollout's last step makes this rollout's first step a reset step. Use ended_before for t = 0."""

import numpy as np


def autoreset_mask(terminated, truncated, ended_before):
    ended = terminated | truncated
    previous = np.concatenate([np.zeros_like(ended_before)[None], ended[:-1]], axis=0)
    return ~previous, ended[-1].copy()

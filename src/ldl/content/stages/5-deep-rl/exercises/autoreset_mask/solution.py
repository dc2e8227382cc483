"""Reference solution for autoreset_mask."""

import numpy as np


def autoreset_mask(terminated, truncated, ended_before):
    """valid (T, N): False at the step right after an episode ended (Gymnasium's reset step);
    ended_last (N,): whether each env's last step ended an episode (the next rollout's ended_before)."""
    ended = terminated | truncated  # (T, N): either way the env resets on its next step
    previous = np.concatenate([ended_before[None], ended[:-1]], axis=0)  # (T, N): ended at t - 1
    return ~previous, ended[-1].copy()

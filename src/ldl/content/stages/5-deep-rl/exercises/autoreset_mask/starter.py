"""Which steps of a vector-env rollout are real transitions (Gymnasium's next-step autoreset).
See statement.md."""

import numpy as np


def autoreset_mask(terminated, truncated, ended_before):
    """valid (T, N): False at the step right after an episode ended (Gymnasium's reset step);
    ended_last (N,): whether each env's last step ended an episode (the next rollout's ended_before)."""
    raise NotImplementedError

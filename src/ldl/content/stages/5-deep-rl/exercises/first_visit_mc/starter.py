"""First-visit Monte Carlo prediction. See statement.md."""

import numpy as np


def first_visit_mc(episodes: list, num_states: int, gamma: float = 1.0) -> np.ndarray:
    """Average of first-visit returns per state over `episodes` [(states, rewards), ...]; 0 if unseen."""
    raise NotImplementedError

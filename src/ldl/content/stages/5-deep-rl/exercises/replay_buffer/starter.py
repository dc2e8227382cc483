"""A circular replay buffer. See statement.md."""

import numpy as np


class ReplayBuffer:
    """A fixed-capacity ring of transitions (obs, action, reward, next_obs, terminated)."""

    def __init__(self, capacity: int, obs_shape: tuple, obs_dtype=np.float32):
        raise NotImplementedError

    def add(self, obs, action: int, reward: float, next_obs, terminated: bool) -> None:
        """Copy one transition into the current slot; advance (and wrap) the write position."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def sample(self, batch_size: int, rng: np.random.Generator) -> dict:
        """Rows at rng.integers(0, len(self), size=batch_size), as a dict of copied arrays."""
        raise NotImplementedError

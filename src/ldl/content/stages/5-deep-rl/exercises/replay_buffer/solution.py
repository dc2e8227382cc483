"""Reference solution for replay_buffer."""

import numpy as np


class ReplayBuffer:
    """A fixed-capacity ring of transitions (obs, action, reward, next_obs, terminated)."""

    def __init__(self, capacity, obs_shape, obs_dtype=np.float32):
        self.capacity = capacity
        self.obs = np.zeros((capacity, *obs_shape), dtype=obs_dtype)
        self.next_obs = np.zeros((capacity, *obs_shape), dtype=obs_dtype)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=bool)
        self.pos = 0  # where the next transition goes
        self.size = 0  # how many slots hold a transition

    def add(self, obs, action, reward, next_obs, terminated):
        """Copy one transition into the current slot; advance (and wrap) the write position."""
        self.obs[self.pos] = obs  # slice assignment copies: later changes to `obs` do not reach us
        self.next_obs[self.pos] = next_obs
        self.actions[self.pos] = action
        self.rewards[self.pos] = reward
        self.terminated[self.pos] = terminated
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def __len__(self):
        return self.size

    def sample(self, batch_size, rng):
        """Rows at rng.integers(0, len(self), size=batch_size), as a dict of copied arrays."""
        if self.size == 0:
            raise ValueError("cannot sample from an empty replay buffer")
        idx = rng.integers(0, self.size, size=batch_size)
        return {
            "obs": self.obs[idx],
            "actions": self.actions[idx],
            "rewards": self.rewards[idx],
            "next_obs": self.next_obs[idx],
            "terminated": self.terminated[idx],
        }

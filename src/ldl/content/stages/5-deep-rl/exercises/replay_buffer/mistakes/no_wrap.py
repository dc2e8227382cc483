"""Once the buffer is full you stop storing (or you overwrite the newest slot). A ring buffer
overwrites the *oldest* transition: advance pos = (pos + 1) % capacity after every add."""

import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_shape, obs_dtype=np.float32):
        self.capacity = capacity
        self.obs = np.zeros((capacity, *obs_shape), dtype=obs_dtype)
        self.next_obs = np.zeros((capacity, *obs_shape), dtype=obs_dtype)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=bool)
        self.size = 0

    def add(self, obs, action, reward, next_obs, terminated):
        pos = min(self.size, self.capacity - 1)
        self.obs[pos], self.next_obs[pos] = obs, next_obs
        self.actions[pos], self.rewards[pos], self.terminated[pos] = action, reward, terminated
        self.size = min(self.size + 1, self.capacity)

    def __len__(self):
        return self.size

    def sample(self, batch_size, rng):
        if self.size == 0:
            raise ValueError("empty")
        idx = rng.integers(0, self.size, size=batch_size)
        return {
            "obs": self.obs[idx],
            "actions": self.actions[idx],
            "rewards": self.rewards[idx],
            "next_obs": self.next_obs[idx],
            "terminated": self.terminated[idx],
        }

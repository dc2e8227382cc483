"""Your buffer ignores `obs_dtype` and stores observations as float64. For Atari frames that is 8
times the memory of uint8 (a 1M-frame buffer would not fit in RAM): allocate with the dtype asked."""

import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_shape, obs_dtype=np.float32):
        self.capacity = capacity
        self.obs = np.zeros((capacity, *obs_shape))
        self.next_obs = np.zeros((capacity, *obs_shape))
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=bool)
        self.pos = self.size = 0

    def add(self, obs, action, reward, next_obs, terminated):
        self.obs[self.pos], self.next_obs[self.pos] = obs, next_obs
        self.actions[self.pos], self.rewards[self.pos], self.terminated[self.pos] = action, reward, terminated
        self.pos = (self.pos + 1) % self.capacity
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

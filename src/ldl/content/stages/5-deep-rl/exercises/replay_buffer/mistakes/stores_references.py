"""You keep the caller's arrays in a list, so when they reuse or change their observation array,
your stored transitions change with it. Copy the data into preallocated arrays
(`self.obs[self.pos] = obs` copies)."""

import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_shape, obs_dtype=np.float32):
        self.capacity, self.obs_dtype, self.items, self.pos = capacity, obs_dtype, [], 0

    def add(self, obs, action, reward, next_obs, terminated):
        item = (obs, action, reward, next_obs, terminated)
        if len(self.items) < self.capacity:
            self.items.append(item)
        else:
            self.items[self.pos] = item
        self.pos = (self.pos + 1) % self.capacity

    def __len__(self):
        return len(self.items)

    def _column(self, k, dtype):
        rows = [item[k] for item in self.items] + [self.items[0][k]] * (self.capacity - len(self.items))
        return np.array(rows, dtype=dtype) * (np.arange(self.capacity) < len(self.items)).reshape(
            -1, *[1] * np.ndim(rows[0])
        )

    @property
    def obs(self):
        return self._column(0, self.obs_dtype)

    @property
    def next_obs(self):
        return self._column(3, self.obs_dtype)

    @property
    def actions(self):
        return self._column(1, np.int64)

    @property
    def rewards(self):
        return self._column(2, np.float32)

    @property
    def terminated(self):
        return self._column(4, bool)

    def sample(self, batch_size, rng):
        if not self.items:
            raise ValueError("empty")
        idx = rng.integers(0, len(self.items), size=batch_size)
        return {
            "obs": self.obs[idx],
            "actions": self.actions[idx],
            "rewards": self.rewards[idx],
            "next_obs": self.next_obs[idx],
            "terminated": self.terminated[idx],
        }

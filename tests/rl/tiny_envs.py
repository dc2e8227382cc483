"""Tiny environments whose episodes never terminate, only hit a time limit (truncation), so the
right value of every state is known: reward 1 per step for ever, V = 1 / (1 - gamma)."""

from __future__ import annotations

import gymnasium as gym
import numpy as np


class Forever(gym.Env):
    """One state (Discrete(1)), two actions, reward 1 per step, never terminates."""

    observation_space = gym.spaces.Discrete(1)
    action_space = gym.spaces.Discrete(2)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        return 0, {}

    def step(self, action):
        return 0, 1.0, False, False, {}


class Counter(gym.Env):
    """Box observation [t / 10], two actions, reward 1 per step, never terminates: the final
    observation of a truncated episode differs from the reset observation [0]."""

    observation_space = gym.spaces.Box(-1.0, 10.0, (1,), np.float32)
    action_space = gym.spaces.Discrete(2)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.t = 0
        return np.zeros(1, np.float32), {}

    def step(self, action):
        self.t += 1
        return np.array([self.t / 10], np.float32), 1.0, False, False, {}

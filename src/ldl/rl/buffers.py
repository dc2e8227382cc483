"""Storage for experience: a circular replay buffer (DQN) and rollout storage (A2C, PPO).

Both keep plain NumPy arrays, so a checkpoint can hold them as they are (`state_dict`), which is
what makes a DQN resume exact: the resumed agent samples from the very same memories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


class ReplayBuffer:
    """A fixed-size circular memory of transitions (s, a, r, s', terminated).

    When it is full, each new transition overwrites the oldest one. `terminated` is stored, not
    `done`: a transition cut off by a time limit (truncated) still bootstraps from s', so it is
    stored with terminated=False. The observation after the step is kept next to it, so a
    truncated transition has its real final observation, not the reset observation.

    Memory: 2 * capacity * obs_size * itemsize bytes. For Atari, where s' of one transition is s of
    the next, uint8 frames and a capacity of a few hundred thousand keep this within a laptop's RAM.
    """

    def __init__(self, capacity: int, obs_shape: tuple[int, ...], obs_dtype: Any = np.float32):
        self.capacity = capacity
        self.observations = np.zeros((capacity, *obs_shape), dtype=obs_dtype)  # (C, *obs)
        self.next_observations = np.zeros((capacity, *obs_shape), dtype=obs_dtype)  # (C, *obs)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.position = 0  # where the next transition goes
        self.size = 0  # how many slots hold a transition

    def add(self, obs, action: int, reward: float, next_obs, terminated: bool) -> None:
        """Store one transition, overwriting the oldest when the buffer is full."""
        i = self.position
        self.observations[i] = obs
        self.next_observations[i] = next_obs
        self.actions[i] = action
        self.rewards[i] = reward
        self.terminated[i] = float(terminated)
        self.position = (self.position + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """A uniform random batch (with replacement) drawn with `rng`; arrays of leading size B."""
        index = rng.integers(0, self.size, size=batch_size)  # (B,)
        return {
            "observations": self.observations[index],
            "actions": self.actions[index],
            "rewards": self.rewards[index],
            "next_observations": self.next_observations[index],
            "terminated": self.terminated[index],
        }

    def __len__(self) -> int:
        return self.size

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to rebuild the buffer exactly (only the filled part of the arrays)."""
        n = self.size
        return {
            "position": self.position,
            "size": n,
            "observations": self.observations[:n].copy(),
            "next_observations": self.next_observations[:n].copy(),
            "actions": self.actions[:n].copy(),
            "rewards": self.rewards[:n].copy(),
            "terminated": self.terminated[:n].copy(),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        n = int(state["size"])
        for name in ("observations", "next_observations", "actions", "rewards", "terminated"):
            getattr(self, name)[:n] = state[name]
        self.position, self.size = int(state["position"]), n


@dataclass
class RolloutStorage:
    """T steps of N parallel environments, as collected by A2C and PPO before each update.

    Gymnasium 1.x vector environments reset an environment on the step *after* it finished
    (autoreset NEXT_STEP): that step ignores the action, returns reward 0 and the first observation
    of the new episode. Such a step is not a real transition, so `valid[t, i]` is False for it and
    the losses leave it out. Because of the same rule, `observations[t + 1, i]` after an episode end
    at step t is the *final* observation of that episode, which is what a truncated step must
    bootstrap from.
    """

    num_steps: int
    num_envs: int
    obs_shape: tuple[int, ...]
    obs_dtype: Any = np.float32
    observations: np.ndarray = field(init=False)  # (T, N, *obs)
    actions: np.ndarray = field(init=False)  # (T, N)
    log_probs: np.ndarray = field(init=False)  # (T, N)
    rewards: np.ndarray = field(init=False)  # (T, N)
    terminated: np.ndarray = field(init=False)  # (T, N) bool
    truncated: np.ndarray = field(init=False)  # (T, N) bool
    values: np.ndarray = field(init=False)  # (T, N)
    valid: np.ndarray = field(init=False)  # (T, N) bool: False on autoreset steps

    def __post_init__(self) -> None:
        T, N = self.num_steps, self.num_envs
        self.observations = np.zeros((T, N, *self.obs_shape), dtype=self.obs_dtype)
        self.actions = np.zeros((T, N), dtype=np.int64)
        self.log_probs = np.zeros((T, N), dtype=np.float32)
        self.rewards = np.zeros((T, N), dtype=np.float32)
        self.terminated = np.zeros((T, N), dtype=bool)
        self.truncated = np.zeros((T, N), dtype=bool)
        self.values = np.zeros((T, N), dtype=np.float32)
        self.valid = np.ones((T, N), dtype=bool)

    def next_values(self, last_value: np.ndarray) -> np.ndarray:
        """V(s_{t+1}) for every step: values[1:], then the value of the observation after the rollout.

        (T, N). Under NEXT_STEP autoreset this is V(final observation) after an episode end."""
        return np.concatenate([self.values[1:], np.asarray(last_value, dtype=np.float32)[None]], axis=0)

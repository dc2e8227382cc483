"""Storage for experience: circular replay buffers (DQN; one that stores each frame once, for
pixels) and rollout storage (A2C, PPO).

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


class FrameReplayBuffer:
    """A replay memory for pixel observations that stores each frame once (Atari, MinAtar).

    A DQN on Atari acts on the last `stack` frames (4 x 84 x 84), and s' of one transition shares
    three of its four frames with s. Storing (s, s') stacks keeps every frame 8 times: a million
    transitions would take 1e6 * 2 * 4 * 84 * 84 bytes ~ 56 GB. Here slot i holds one frame f_i
    (uint8) and the transition taken from it (a_i, r_i, terminated_i); f_{i+1} is the next frame.
    A state is rebuilt on sampling:

        s_i = (f_{i-stack+1}, ..., f_i),  s'_i = (f_{i-stack+2}, ..., f_{i+1})

    never across an episode's start: like `FrameStack` after a reset, frames older than the
    episode's first frame are replaced by copies of that first frame. An episode's final frame takes
    a slot with no transition (`has_transition` False), so a terminal s' is real; the next
    episode's first frame follows it (`episode_start` True).

    Memory: capacity * frame bytes, about 7 GB for a million 84x84 frames.

    Usage: `start_episode(frame)` after each reset, then `add(action, reward, next_frame,
    terminated)` after each step. Frames of shape (H, W) give states (B, stack, H, W); frames with
    channels (C, H, W) give (B, stack * C, H, W).
    """

    def __init__(self, capacity: int, frame_shape: tuple[int, ...], stack: int = 4, dtype: Any = np.uint8):
        if capacity <= stack + 1:
            raise ValueError(f"capacity ({capacity}) must exceed stack + 1 ({stack + 1})")
        self.capacity, self.stack, self.frame_shape = capacity, stack, tuple(frame_shape)
        self.frames = np.zeros((capacity, *frame_shape), dtype=dtype)  # (C, *frame)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.episode_start = np.zeros(capacity, dtype=bool)  # f_i is the first frame of an episode
        self.has_transition = np.zeros(capacity, dtype=bool)  # a transition leaves from f_i
        self.position = 0  # where the next frame goes
        self.size = 0  # how many slots hold a frame

    def _write_frame(self, frame, start: bool) -> None:
        i = self.position
        self.frames[i], self.episode_start[i], self.has_transition[i] = frame, start, False
        self.position = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def start_episode(self, frame) -> None:
        """Store the first frame of an episode (the frame `reset` returned)."""
        self._write_frame(frame, start=True)

    def add(self, action: int, reward: float, next_frame, terminated: bool) -> None:
        """Store the transition that leaves the newest frame, and the frame it leads to."""
        if self.size == 0:
            raise ValueError("call start_episode(first_frame) before add()")
        i = (self.position - 1) % self.capacity  # the newest frame: the step left from it
        self.actions[i], self.rewards[i], self.terminated[i] = action, reward, float(terminated)
        self._write_frame(next_frame, start=False)
        self.has_transition[i] = True  # after the write: with capacity reached, i stays intact

    def valid_indices(self) -> np.ndarray:
        """Slots a transition can be sampled from: it has one, and its `stack` frames of history
        do not reach back past the oldest frame still stored (they would be overwritten ones)."""
        slots = np.arange(self.capacity)
        age = (slots - self.position) % self.capacity  # 0 = the oldest slot when full
        # before the buffer is full, slot 0 holds the first frame ever stored, an episode start
        full = self.size == self.capacity
        enough_history = age >= self.stack - 1 if full else np.ones(self.capacity, dtype=bool)
        return np.flatnonzero(self.has_transition & enough_history & (slots < self.size))

    def _stacks(self, index: np.ndarray) -> np.ndarray:
        """The states whose newest frame is at `index` (B,): (B, stack, *frame) -> see class doc."""
        k = self.stack
        window = (index[:, None] - np.arange(k - 1, -1, -1)[None]) % self.capacity  # (B, k), oldest first
        starts = self.episode_start[window]  # (B, k)
        columns = np.arange(k)[None].repeat(len(index), 0)  # (B, k)
        latest_start = np.where(starts, columns, 0).max(axis=1, keepdims=True)  # (B, 1)
        clamped = np.take_along_axis(window, np.maximum(columns, latest_start), axis=1)  # (B, k)
        stacked = self.frames[clamped]  # (B, k, *frame)
        return stacked.reshape(len(index), -1, *self.frame_shape[-2:])  # (B, k * C, H, W)

    def transitions(self, index: np.ndarray) -> dict[str, np.ndarray]:
        """The transitions leaving the slots `index` (B,), with their states rebuilt."""
        index = np.asarray(index)
        return {
            "observations": self._stacks(index),
            "actions": self.actions[index],
            "rewards": self.rewards[index],
            "next_observations": self._stacks((index + 1) % self.capacity),
            "terminated": self.terminated[index],
        }

    def sample(self, batch_size: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """A uniform random batch (with replacement) of valid transitions, drawn with `rng`."""
        valid = self.valid_indices()
        return self.transitions(valid[rng.integers(0, len(valid), size=batch_size)])

    def __len__(self) -> int:
        return int(self.has_transition[: self.size].sum())

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to rebuild the buffer exactly (only the filled slots)."""
        n = self.size
        names = ("frames", "actions", "rewards", "terminated", "episode_start", "has_transition")
        return {"position": self.position, "size": n, **{k: getattr(self, k)[:n].copy() for k in names}}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        n = int(state["size"])
        for name in ("frames", "actions", "rewards", "terminated", "episode_start", "has_transition"):
            getattr(self, name)[:n] = state[name]
        self.position, self.size = int(state["position"]), n

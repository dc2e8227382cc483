"""Environments: making them, Atari preprocessing in NumPy, vector environments, and snapshots.

- `make_env(env_id)`: one Gymnasium environment (Atari ids "ALE/...-v5" register ale-py first;
  its wheel ships the ROMs, so nothing is downloaded).
- `make_vector_env(env_id, num_envs)`: Gymnasium's synchronous vector environment. Gymnasium 1.x
  resets a finished environment on the *next* step (autoreset NEXT_STEP): the step after an
  episode ends ignores its action and returns the first observation of the new episode. Agents
  must not learn from that step; `ldl.rl.buffers.RolloutStorage.valid` marks it.
- `AtariPreprocessing` (+ `FrameStack`): the DQN paper's pipeline on a raw ALE env, in NumPy.
- `make_atari_vector_env(game, num_envs)`: ale-py's native C++ vector environment, which does the
  same preprocessing in C++ threads and is 3-4x faster than one Python environment.
- `env_snapshot` / `restore_env_snapshot`: the state of pure-Python environments (CartPole,
  Acrobot, toy text) for checkpoints that resume exactly.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np

from ldl.errors import LdlError

try:
    import gymnasium as gym
except ImportError as error:  # the light install leaves the RL extras out
    raise LdlError(
        "Reinforcement learning needs Gymnasium, which is not installed.",
        hint='pip install "gymnasium[classic-control,box2d]" ale-py  (or the full install profile of ldl)',
    ) from error


_ALE_HINT = "pip install ale-py (its wheel ships the Atari ROMs)"


def _register_atari() -> None:
    try:
        import ale_py
    except ImportError as error:
        raise LdlError(
            "Atari games need ale-py, which is not installed.", hint="pip install ale-py"
        ) from error
    gym.register_envs(ale_py)


def make_env(env_id: str, render_mode: str | None = None, **kwargs: Any):
    """gym.make(env_id, ...), registering the Atari games first when the id starts with "ALE/"."""
    if env_id.startswith("ALE/"):
        _register_atari()
    return gym.make(env_id, render_mode=render_mode, **kwargs)


def make_vector_env(env_id: str, num_envs: int, **kwargs: Any):
    """`num_envs` copies of `env_id` stepped together in this process (autoreset NEXT_STEP)."""
    if env_id.startswith("ALE/"):
        _register_atari()
    return gym.make_vec(env_id, num_envs=num_envs, vectorization_mode="sync", **kwargs)


def make_atari_vector_env(game: str, num_envs: int, *, episodic_life: bool = True, **kwargs: Any):
    """ale-py's native vector env for `game` (e.g. "pong"): max-pooled, grey 84x84 frames stacked by
    4, frame skip 4, up to 30 no-op starts, clipped rewards; observations (N, 4, 84, 84) uint8."""
    try:
        from ale_py.vector_env import AtariVectorEnv
    except ImportError as error:
        raise LdlError(
            "Atari games need ale-py, which is not installed.", hint="pip install ale-py"
        ) from error
    return AtariVectorEnv(game, num_envs, episodic_life=episodic_life, **kwargs)


# --- Atari preprocessing in NumPy --------------------------------------------------------------


def grey(frame: np.ndarray) -> np.ndarray:
    """RGB (H, W, 3) uint8 -> luminance (H, W) float32, with the ITU-R 601 weights OpenCV uses."""
    return frame.astype(np.float32) @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def area_weights(size_in: int, size_out: int) -> np.ndarray:
    """(size_out, size_in) matrix whose row i averages the input pixels that output pixel i covers.

    Output pixel i spans input coordinates [i * scale, (i + 1) * scale); a partly covered input
    pixel counts by the fraction covered. This is OpenCV's INTER_AREA, written as a matrix."""
    scale = size_in / size_out
    weights = np.zeros((size_out, size_in), dtype=np.float32)
    for i in range(size_out):
        start, end = i * scale, (i + 1) * scale
        for j in range(int(np.floor(start)), int(np.ceil(end))):
            weights[i, j] = min(end, j + 1) - max(start, j)
    return weights / scale


def resize(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Area-average resize of a (H, W) image: rows then columns, two matrix products."""
    return area_weights(image.shape[0], height) @ image @ area_weights(image.shape[1], width).T


def preprocess_frame(previous: np.ndarray, current: np.ndarray, size: int = 84) -> np.ndarray:
    """The DQN pipeline for one agent step: max over the last two RGB frames (Atari sprites flicker
    between frames), grey, resize to size x size. Returns (size, size) uint8."""
    pooled = np.maximum(previous, current)  # (210, 160, 3)
    return np.clip(np.rint(resize(grey(pooled), size, size)), 0, 255).astype(np.uint8)


class AtariPreprocessing(gym.Wrapper):
    """Frame skip with max-pooling, grey 84x84 frames, no-op starts, reward clipping and
    episodic life, on an ALE env made with frameskip=1 (make_atari_env does this).

    - no-op starts: after a reset, 1..noop_max random no-ops, so episodes do not all begin alike;
    - reward clipping: the agent learns from sign(reward), and `info["raw_reward"]` keeps the score;
    - episodic life: losing a life *terminates* the learning episode (the lost life really has
      no future) but the game goes on; `reset` then continues the same game until it is over.
    """

    def __init__(self, env, frame_skip=4, noop_max=30, size=84, clip_rewards=True, episodic_life=True):
        super().__init__(env)
        self.frame_skip, self.noop_max, self.size = frame_skip, noop_max, size
        self.clip_rewards, self.episodic_life = clip_rewards, episodic_life
        self.lives, self.game_over = 0, True
        self.observation_space = gym.spaces.Box(0, 255, (size, size), np.uint8)

    def reset(self, *, seed=None, options=None):
        if self.episodic_life and not self.game_over and seed is None:
            frame, info = self._act(0)[0], {}  # a life was lost: carry on with the same game
        else:
            self.env.reset(seed=seed, options=options)
            noops = int(self.np_random.integers(1, self.noop_max + 1)) if self.noop_max else 0
            frame, info = None, {}
            for _ in range(noops):
                frame, _, terminated, truncated, info = self._act(0)
                if terminated or truncated:
                    self.env.reset()
            if frame is None:
                frame = self._act(0)[0]
        self.lives = self.env.unwrapped.ale.lives()
        self.game_over = False
        return frame, info

    def _act(self, action):
        """Repeat `action` frame_skip times; max-pool the last two frames."""
        total, frames, terminated, truncated, info = 0.0, deque(maxlen=2), False, False, {}
        for _ in range(self.frame_skip):
            rgb, reward, terminated, truncated, info = self.env.step(action)
            frames.append(rgb)
            total += reward
            if terminated or truncated:
                break
        previous = frames[0]
        return preprocess_frame(previous, frames[-1], self.size), total, terminated, truncated, info

    def step(self, action):
        frame, reward, terminated, truncated, info = self._act(action)
        self.game_over = terminated or truncated
        info = {**info, "raw_reward": reward, "game_over": self.game_over}
        lives = self.env.unwrapped.ale.lives()
        if self.episodic_life and 0 < lives < self.lives:
            terminated = True
        self.lives = lives
        return frame, (float(np.sign(reward)) if self.clip_rewards else reward), terminated, truncated, info


class FrameStack(gym.ObservationWrapper):
    """The last `k` observations stacked on a new first axis: (k, H, W) uint8.

    At a reset the stack is filled with the first frame (`pad="repeat"`, as DQN's replay buffer
    builds its states) or with blank frames (`pad="zeros"`, as ale-py's vector env does, so that an
    agent trained there sees the same first states when it is evaluated here)."""

    def __init__(self, env, k=4, pad: str = "repeat"):
        super().__init__(env)
        if pad not in ("repeat", "zeros"):
            raise ValueError(f"pad must be 'repeat' or 'zeros', not {pad!r}")
        self.k, self.pad, self.frames = k, pad, deque(maxlen=k)
        space = env.observation_space
        self.observation_space = gym.spaces.Box(0, 255, (k, *space.shape), space.dtype)

    def reset(self, **kwargs):
        frame, info = self.env.reset(**kwargs)
        filler = frame if self.pad == "repeat" else np.zeros_like(frame)
        for _ in range(self.k - 1):
            self.frames.append(filler)
        self.frames.append(frame)
        return np.stack(self.frames), info

    def observation(self, frame):
        self.frames.append(frame)
        return np.stack(self.frames)  # (k, H, W)


def make_atari_env(
    env_id: str = "ALE/Pong-v5",
    frame_stack: int = 4,
    render_mode: str | None = None,
    pad: str = "repeat",
    **kwargs,
):
    """One Atari env with the NumPy preprocessing: observations (frame_stack, 84, 84) uint8.

    `pad` fills a fresh stack (see FrameStack); `kwargs` go to the preprocessing (frame_skip,
    noop_max, size, clip_rewards, episodic_life)."""
    env = make_env(env_id, render_mode=render_mode, frameskip=1, repeat_action_probability=0.0)
    env = AtariPreprocessing(env, **kwargs)
    return FrameStack(env, frame_stack, pad) if frame_stack > 1 else env


# --- snapshots of pure-Python environments, for exact resumes ----------------------------------

_PLAIN = (bool, int, float, str, type(None), np.ndarray, np.generic)


def _layers(env) -> list:
    """The wrapper chain of an env, outermost first, down to the unwrapped env."""
    layers = [env]
    while hasattr(layers[-1], "env"):
        layers.append(layers[-1].env)
    return layers


def snapshot_supported(env) -> bool:
    """False for environments whose state lives in C (Box2D, MuJoCo, the ALE): see env_snapshot."""
    first = env.envs[0] if hasattr(env, "envs") else env
    module = type(first.unwrapped).__module__
    return not module.startswith(("gymnasium.envs.box2d", "gymnasium.envs.mujoco", "ale_py"))


def env_snapshot(env) -> dict[str, Any]:
    """The changing state of a (vector) env built from pure-Python environments: every plain
    attribute (numbers, arrays, flags) of every wrapper, and each random generator's state.

    Physics engines written in C (Box2D, MuJoCo, the ALE) keep state that this cannot see: for them
    a resume starts fresh episodes instead (documented in docs/rl.md)."""
    envs = getattr(env, "envs", None)
    state: dict[str, Any] = {"vector": _plain_attributes(env) if envs is not None else {}, "envs": []}
    for sub in envs if envs is not None else [env]:
        layers = []
        for layer in _layers(sub):
            attributes = _plain_attributes(layer)
            generator = layer.__dict__.get("_np_random")
            if generator is not None:
                attributes["_np_random"] = generator.bit_generator.state
            layers.append(attributes)
        state["envs"].append(layers)
    return state


def restore_env_snapshot(env, state: dict[str, Any]) -> None:
    """Put an `env_snapshot` back into an env built the same way."""
    envs = getattr(env, "envs", None)
    for key, value in state["vector"].items():
        setattr(env, key, _copy(value))
    for sub, layers in zip(envs if envs is not None else [env], state["envs"]):
        for layer, attributes in zip(_layers(sub), layers):
            for key, value in attributes.items():
                if key == "_np_random":
                    layer._np_random = np.random.Generator(np.random.PCG64())
                    layer._np_random.bit_generator.state = value
                else:
                    setattr(layer, key, _copy(value))


def _plain_attributes(obj) -> dict[str, Any]:
    out = {}
    for key, value in vars(obj).items():
        if key in ("spec", "metadata", "render_mode", "_saved_kwargs", "_previous_data"):
            continue
        if isinstance(value, _PLAIN):
            out[key] = value.copy() if isinstance(value, np.ndarray) else value
        elif isinstance(value, (list, tuple)) and value and all(isinstance(v, np.ndarray) for v in value):
            out[key] = [v.copy() for v in value]
    return out


def _copy(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value

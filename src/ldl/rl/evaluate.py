"""Judging an agent: seeded evaluation episodes, the interquartile mean, bootstrap confidence
intervals (Agarwal et al., 2021, "Deep RL at the edge of the statistical precipice"), and a GIF
of the agent playing (frames from render_mode="rgb_array", written with Pillow).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np


def run_episodes(
    env, policy: Callable[[np.ndarray], int], num_episodes: int, seed: int, max_steps: int | None = None
) -> list[float]:
    """Returns of `num_episodes` episodes; episode i starts from env.reset(seed=seed + i), so the
    same seed gives the same episodes. `policy(observation) -> action` should be greedy; a policy
    with a `reset()` method (one that remembers the previous frame, say) is reset before each one.
    `max_steps` cuts each episode short (quick checks)."""
    returns = []
    for i in range(num_episodes):
        _reset_policy(policy)
        obs, _ = env.reset(seed=seed + i)
        total, done, steps = 0.0, False, 0
        while not done:
            obs, reward, terminated, truncated, _ = env.step(policy(obs))
            total, steps = total + float(reward), steps + 1
            done = terminated or truncated or (max_steps is not None and steps >= max_steps)
        returns.append(total)
    return returns


def _reset_policy(policy) -> None:
    reset = getattr(policy, "reset", None)
    if callable(reset):
        reset()


def iqm(values) -> float:
    """Interquartile mean: the mean of the middle 50% of the values (robust to a few outliers)."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    n = len(values)
    return float(values[n // 4 : n - n // 4].mean()) if n >= 4 else float(values.mean())


def bootstrap_ci(
    values, statistic: Callable = np.mean, confidence: float = 0.95, num_resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of `statistic` over `values`."""
    values = np.asarray(values, dtype=np.float64)
    rng = np.random.default_rng(seed)
    stats = [statistic(values[rng.integers(0, len(values), len(values))]) for _ in range(num_resamples)]
    low, high = np.quantile(stats, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(low), float(high)


def record_gif(
    env,
    policy: Callable[[np.ndarray], int],
    path: str | Path,
    seed: int = 0,
    max_frames: int = 500,
    fps: int = 30,
    max_steps: int | None = None,
) -> Path:
    """Play one episode with `policy` in an env made with render_mode="rgb_array"; save it as a GIF.

    Every other frame is kept once there are more than `max_frames` (GIFs grow fast); `max_steps`
    cuts the episode short (quick checks)."""
    from PIL import Image

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        # Frames are drawn off-screen; without a display, SDL (pygame's renderer, for the classic
        # control games) would probe for Wayland first and print an error the learner cannot act on.
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    _reset_policy(policy)
    obs, _ = env.reset(seed=seed)
    frames, done = [env.render()], False
    while not done:
        obs, _, terminated, truncated, _ = env.step(policy(obs))
        frames.append(env.render())
        done = terminated or truncated or (max_steps is not None and len(frames) > max_steps)
    stride = max(1, int(np.ceil(len(frames) / max_frames)))
    images = [Image.fromarray(np.asarray(frame)) for frame in frames[::stride]]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, save_all=True, append_images=images[1:], duration=int(1000 * stride / fps), loop=0)
    return path

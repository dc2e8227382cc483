"""Advantage actor-critic (A2C; Mnih et al., 2016, synchronous version) as a small diff of PPO.

A2C collects a short rollout from N parallel environments (5 steps each, classically), computes
n-step advantages A_t = G_t^(n) - V(s_t) (GAE with lambda = 1), and takes *one* gradient step on

    loss = -mean(log pi(a_t | s_t) * A_t) + vf_coef * mean((G_t - V(s_t))^2) - ent_coef * entropy

That is exactly PPO with one epoch and one minibatch: PPO's probability ratio is 1 at its first
gradient step, where the gradient of the clipped surrogate equals the plain policy gradient. So
A2C here is `ppo.train` with the settings below (CleanRL's "variants as small diffs"); the shared
rollout code, the autoreset masking and the truncation-aware advantages are PPO's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldl.rl import ppo
from ldl.tracking import Progress


@dataclass
class Config(ppo.Config):
    """Hyperparameters of A2C: PPO's fields, with A2C's values where they differ."""

    num_steps: int = 5
    """Steps per environment in each rollout (A2C updates often, from short rollouts)."""
    num_envs: int = 8
    """Parallel environments (gymnasium SyncVectorEnv)."""
    lr: float = 1e-3
    """Adam learning rate at the start."""
    gamma: float = 0.99
    """Discount factor."""
    gae_lambda: float = 1.0
    """lambda = 1: n-step returns bootstrapped at the end of each rollout."""
    update_epochs: int = 1
    """One pass: a single gradient step per rollout, so no clipping ever applies."""
    num_minibatches: int = 1
    """The whole rollout is one batch."""
    clip_value: bool = False
    """A2C's value loss is not clipped."""
    normalize_advantages: bool = False
    """A2C uses the raw advantages."""
    ent_coef: float = 0.01
    """Weight of the entropy bonus."""
    total_steps: int = 300_000
    """Environment steps (summed over the parallel environments) to train for."""
    checkpoint_every: int = 500
    """Iterations (rollouts) between checkpoints."""


def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> ppo.Result:
    """Train A2C (ppo.train with A2C's settings); `resume` continues a run exactly."""
    return ppo.train(config, resume=resume, root=root, progress=progress, run_name="a2c")

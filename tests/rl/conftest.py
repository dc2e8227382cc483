"""Fixtures of the RL tests. Without the RL stack (the light install) the folder is not collected:
stage 5 needs the `full` install profile."""

from __future__ import annotations

import importlib.util

import pytest

if not all(importlib.util.find_spec(name) for name in ("gymnasium", "ale_py", "torch")):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def forever_env():
    import gymnasium as gym

    from .tiny_envs import Forever

    return gym.wrappers.TimeLimit(Forever(), max_episode_steps=3)


@pytest.fixture
def counter_env():
    import gymnasium as gym

    from .tiny_envs import Counter

    return gym.wrappers.TimeLimit(Counter(), max_episode_steps=3)

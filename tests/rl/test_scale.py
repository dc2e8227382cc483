"""Rollouts on Ray actors (ldl.rl.scale): the workers' slices merge into ppo.py's layout; a real
local Ray runs a few PPO iterations with 2 actors, deterministically for a seed."""

import json

import numpy as np
import pytest
import torch

from ldl.rl import ppo, scale

from .helpers import require_ray


@pytest.fixture(autouse=True)
def no_tensorboard(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")


def small(**overrides):
    settings = dict(num_envs=4, num_workers=2, num_steps=32, total_steps=4 * 32 * 3, eval_episodes=1,
                    record_video=False, target_return=None)  # fmt: skip
    return scale.RayConfig(**{**settings, **overrides})


def test_worker_rollouts_merge_into_ppos_layout_without_ray():
    config = small()
    agent = ppo.make_agent(4, 2, config.hidden_size)
    weights = {k: v.clone() for k, v in agent.state_dict().items()}  # ppo_update changes the agent below
    workers = [scale.RolloutWorker(config, index, 2) for index in range(2)]
    parts = [worker.collect(weights) for worker in workers]
    storage = ppo.RolloutStorage(32, 4, (4,))
    advantages, returns, _ = scale.merge(parts, storage)
    assert storage.observations.shape == (32, 4, 4) and advantages.shape == returns.shape == (32, 4)
    np.testing.assert_array_equal(storage.observations[:, 2:], parts[1]["observations"])
    assert not np.array_equal(parts[0]["observations"], parts[1]["observations"])  # own seeds
    # the merged rollout trains with ppo.py's own update
    optimizer = torch.optim.Adam(agent.parameters(), lr=1e-3)
    losses = ppo.ppo_update(agent, optimizer, storage, advantages, returns, config, np.random.default_rng(0))
    assert np.isfinite(losses["policy_loss"])
    again = scale.RolloutWorker(config, 1, 2).collect(weights)  # the same seed: the same rollout
    np.testing.assert_array_equal(again["actions"], parts[1]["actions"])


def test_num_envs_must_split_evenly_over_the_workers(tmp_path):
    from ldl.errors import LdlError

    with pytest.raises(LdlError, match="multiple of num_workers"):
        scale.train_with_ray(small(num_envs=5), root=tmp_path)


@pytest.mark.medium
def test_ppo_on_two_ray_actors_is_deterministic_per_seed(tmp_path):
    ray = require_ray()  # the `scale` extra; installed in the dev venv and CI
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        first = scale.train_with_ray(small(), root=tmp_path / "a")
        second = scale.train_with_ray(small(), root=tmp_path / "b")
    finally:
        ray.shutdown()
    rows = [
        [json.loads(line) for line in (r.run_dir / "metrics.jsonl").read_text().splitlines()]
        for r in (first, second)
    ]
    assert [row["step"] for row in rows[0]] == [128, 256, 384]
    for a, b in zip(*rows):
        assert a["policy_loss"] == b["policy_loss"] and a["value_loss"] == b["value_loss"]
    assert first.metrics["steps"] == 384 and np.isfinite(first.metrics["eval_mean_return"])

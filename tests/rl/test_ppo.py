"""PPO: GAE on a real rollout bootstraps at truncation and masks reset steps; a tiny run; exact resume."""

import gymnasium as gym
import numpy as np
import pytest
import torch

from ldl.rl import ppo
from ldl.rl.buffers import RolloutStorage

from .helpers import final_state, interrupt_at, metric_rows
from .tiny_envs import Counter


@pytest.fixture(autouse=True)
def no_tensorboard(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")


class ConstantAgent(torch.nn.Module):
    """V(s) = 5 everywhere, a uniform policy."""

    def value(self, obs):
        return torch.full((len(obs),), 5.0)

    def policy(self, obs):
        return torch.distributions.Categorical(logits=torch.zeros(len(obs), 2))

    def policy_and_value(self, obs):
        return self.policy(obs), self.value(obs)


def test_rollout_advantages_bootstrap_at_truncation_and_mask_reset_steps():
    envs = gym.vector.SyncVectorEnv([lambda: gym.wrappers.TimeLimit(Counter(), 3)] * 2)
    obs, _ = envs.reset(seed=0)
    storage = RolloutStorage(5, 2, (1,))
    stats = {"running": np.zeros(2), "returns": []}
    obs, autoreset = ppo.collect_rollout(envs, ConstantAgent(), storage, obs, np.zeros(2, bool), stats)
    # steps 0, 1, 2 are the episode (truncated at step 2); step 3 is the autoreset step
    np.testing.assert_array_equal(storage.truncated[:, 0], [False, False, True, False, False])
    np.testing.assert_array_equal(storage.valid[:, 0], [True, True, True, False, True])
    np.testing.assert_allclose(storage.observations[3, 0], [0.3])  # the final observation
    assert stats["returns"] == [3.0, 3.0]
    advantages, _ = ppo.advantages_of(storage, ConstantAgent(), obs, gamma=0.5, lam=1.0)
    # truncated: 1 + 0.5 * V(final) - V = -1.5 (it would be 1 - 5 = -4 if treated as terminal)
    assert advantages[2, 0] == pytest.approx(-1.5)
    assert advantages[1, 0] == pytest.approx((1 + 2.5 - 5) + 0.5 * -1.5)


def small(**overrides):
    config = dict(num_envs=2, num_steps=64, total_steps=2 * 64 * 6, checkpoint_every=100, target_return=None,
                  eval_episodes=1, record_video=False)  # fmt: skip
    return ppo.Config(**{**config, **overrides})


def test_tiny_cartpole_run(tmp_path):
    result = ppo.train(ppo.Config(fast=True), root=tmp_path)
    assert not result.interrupted and result.metrics["steps"] == 4 * 8 * 32
    assert (result.run_dir / "plots" / "agent.gif").exists()


def test_fast_mode_shrinks_long_rollouts_to_seconds():
    """LunarLander's 16 x 1,024-step rollouts in 256 minibatches become 16 x 64 in 4 under --fast."""
    config = ppo.LunarLanderConfig(fast=True)
    shrunk = ppo.fast_config(config)
    assert (shrunk.num_envs, shrunk.num_steps, shrunk.num_minibatches) == (16, 64, 4)
    assert ppo.fast_config(ppo.Config(fast=True)) == ppo.Config(fast=True)  # already small


def test_resume_is_exact(tmp_path):
    whole = ppo.train(small(), root=tmp_path / "whole")
    part = ppo.train(small(), root=tmp_path / "part", progress=interrupt_at(3 * 128))
    assert part.interrupted
    resumed = ppo.train(small(), root=tmp_path / "part", resume=part.run_dir)
    a, b = final_state(whole.run_dir), final_state(resumed.run_dir)
    for key in a["agent"]:
        assert torch.equal(a["agent"][key], b["agent"][key]), key
    keys = ("step", "mean_return_20", "policy_loss", "value_loss")
    assert metric_rows(whole.run_dir, keys) == metric_rows(resumed.run_dir, keys)


@pytest.mark.slow
def test_cartpole_target_475():
    result = ppo.train(ppo.Config(seed=0, record_video=False))
    assert result.metrics["mean_return_20"] >= 475


def test_the_update_makes_equal_minibatches_and_averages_its_diagnostics():
    """103 valid steps (one autoreset step masked out) in 4 minibatches: 4 steps of 25-26 samples per
    epoch, never a stray minibatch of 3; the diagnostics are means over every minibatch."""
    config = ppo.Config(num_minibatches=4, update_epochs=3)
    storage = RolloutStorage(26, 4, (4,))
    rng = np.random.default_rng(0)
    storage.observations[:] = rng.normal(size=storage.observations.shape)
    storage.actions[:] = rng.integers(0, 2, size=(26, 4))
    storage.log_probs[:] = np.log(0.5)
    storage.valid[:] = True
    storage.valid[7, 2] = False
    advantages, returns = rng.normal(size=(26, 4)), rng.normal(size=(26, 4))
    agent = ppo.make_agent(4, 2, 16)
    sizes, steps = [], []
    policy = agent.policy
    agent.policy = lambda obs: sizes.append(len(obs)) or policy(obs)
    optimizer = torch.optim.Adam(agent.parameters(), lr=1e-2)
    step = optimizer.step
    optimizer.step = lambda *a, **k: steps.append(1) or step(*a, **k)
    stats = ppo.ppo_update(agent, optimizer, storage, advantages, returns, config, np.random.default_rng(1))
    assert len(steps) == 12 and sorted(set(sizes)) == [25, 26] and sum(sizes) == 3 * 103
    assert set(stats) == {"policy_loss", "value_loss", "entropy", "clip_fraction", "approx_kl"}
    assert 0 < stats["clip_fraction"] < 1  # lr 1e-2 moves the policy past the clip within 12 steps
    assert stats["approx_kl"] > 0


@pytest.mark.slow
def test_full_lunarlander_run_is_solved(tmp_path):
    """The reference run's documented result (docs/rl.md): the greedy policy averages >= 200 over 100
    evaluation episodes after the default 2M steps (208.3 on 2026-11-30; about 12 minutes of one core)."""
    result = ppo.train(ppo.LunarLanderConfig(record_video=False), root=tmp_path)
    assert result.metrics["eval_mean_return"] >= 200, result.metrics

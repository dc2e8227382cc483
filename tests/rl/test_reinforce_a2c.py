"""REINFORCE with a baseline and A2C: truncated returns bootstrap, short runs, exact resume."""

import numpy as np
import pytest
import torch

from ldl.rl import a2c, reinforce

from .helpers import final_state, interrupt_at


@pytest.fixture(autouse=True)
def no_tensorboard(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")


def test_truncated_episode_return_continues_with_the_final_value():
    rewards = np.array([1.0, 1.0, 1.0])
    np.testing.assert_allclose(reinforce.episode_returns(rewards, 0.5, False, 10.0), [1.75, 1.5, 1.0])
    # truncated: G_t gains 0.5^(3 - t) * V(s_final) = 10 * [0.125, 0.25, 0.5]
    np.testing.assert_allclose(reinforce.episode_returns(rewards, 0.5, True, 10.0), [3.0, 4.0, 6.0])


def test_play_episode_bootstraps_only_when_truncated(counter_env):
    policy, value = reinforce.make_networks(1, 2, 4)
    with torch.no_grad():
        value[-1].bias.fill_(7.0)
        value[-1].weight.zero_()  # V(s) = 7 everywhere
    _, actions, returns, total = reinforce.play_episode(counter_env, policy, value, seed=0, gamma=0.5)
    assert len(actions) == 3 and total == 3.0
    np.testing.assert_allclose(returns, [1.75 + 0.125 * 7, 1.5 + 0.25 * 7, 1.0 + 0.5 * 7])


def test_reinforce_short_run_and_exact_resume(tmp_path):
    config = reinforce.Config(num_episodes=8, episodes_per_update=2, target_return=None, checkpoint_every=100)
    whole = reinforce.train(config, root=tmp_path / "whole")
    part = reinforce.train(config, root=tmp_path / "part", progress=interrupt_at(4))
    assert part.interrupted
    resumed = reinforce.train(config, root=tmp_path / "part", resume=part.run_dir)
    a, b = final_state(whole.run_dir), final_state(resumed.run_dir)
    assert a["episode"] == b["episode"] == 8
    for key in a["policy"]:
        assert torch.equal(a["policy"][key], b["policy"][key]), key


def test_a2c_is_one_gradient_step_per_short_rollout(tmp_path):
    result = a2c.train(a2c.Config(fast=True, record_video=False, eval_episodes=1), root=tmp_path)
    assert result.run_dir.parent.name == "a2c" and result.metrics["steps"] == 4 * 8 * 5

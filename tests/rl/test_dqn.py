"""DQN: truncated transitions bootstrap, a tiny CartPole run, exact resume; slow: the target."""

import json
import shutil

import numpy as np
import pytest
import torch

from ldl.rl import dqn
from ldl.rl.buffers import ReplayBuffer

from .helpers import final_state, interrupt_at, metric_rows


@pytest.fixture(autouse=True)
def no_tensorboard(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")


def test_truncated_transition_keeps_its_final_observation(counter_env):
    buffer = ReplayBuffer(10, (1,))
    obs, _ = counter_env.reset(seed=0)
    for _ in range(4):
        obs, _, _ = dqn.env_step(counter_env, obs, 0, buffer)
    # step 3 hit the time limit: stored as not terminated, with s' = the final observation [0.3]
    np.testing.assert_allclose(buffer.next_observations[:4, 0], [0.1, 0.2, 0.3, 0.1])
    np.testing.assert_array_equal(buffer.terminated[:4], [0, 0, 0, 0])
    np.testing.assert_allclose(buffer.observations[3, 0], 0.0)  # the next episode starts afresh


@pytest.mark.parametrize("double", [False, True])
def test_targets_bootstrap_unless_terminated(double):
    net = torch.nn.Linear(1, 2)
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[1.0], [2.0]]))
        net.bias.zero_()
    batch = {
        "next_observations": torch.tensor([[1.0], [1.0]]),
        "rewards": torch.tensor([1.0, 1.0]),
        "terminated": torch.tensor([0.0, 1.0]),  # the first was truncated (or mid-episode)
    }
    targets = dqn.td_targets(batch, net, net, gamma=0.5, double=double)
    np.testing.assert_allclose(targets.numpy(), [1.0 + 0.5 * 2.0, 1.0])


def small(**overrides):
    config = dict(total_steps=700, learning_starts=200, buffer_size=500, checkpoint_every=100_000,
                  target_return=None, eval_episodes=1, record_video=False,
                  target_update_every=100)  # fmt: skip
    return dqn.Config(**{**config, **overrides})


def test_tiny_cartpole_run_writes_a_complete_run(tmp_path):
    result = dqn.train(dqn.Config(fast=True), root=tmp_path)
    assert not result.interrupted and result.metrics["steps"] == 1000
    assert (result.run_dir / "plots" / "metrics.png").exists()
    assert (result.run_dir / "plots" / "agent.gif").exists()
    rows = [json.loads(line) for line in (result.run_dir / "metrics.jsonl").read_text().splitlines()]
    assert rows and all("episode_return" in row for row in rows)


def test_each_training_phase_takes_gradient_steps_times_one_adam_step(tmp_path):
    """train_frequency=50, gradient_steps=5, learning starts after 200 of 700 steps: phases at steps
    250, 300, ..., 700 (10 of them), so Adam has stepped 50 times."""
    result = dqn.train(small(train_frequency=50, gradient_steps=5), root=tmp_path)
    adam = final_state(result.run_dir)["optimizer"]["state"][0]
    assert int(adam["step"]) == 50


def test_resume_is_exact(tmp_path):
    whole = dqn.train(small(), root=tmp_path / "whole")
    part = dqn.train(small(), root=tmp_path / "part", progress=interrupt_at(350))
    assert part.interrupted
    resumed = dqn.train(small(), root=tmp_path / "part", resume=part.run_dir)
    a, b = final_state(whole.run_dir), final_state(resumed.run_dir)
    for key in a["q_network"]:
        assert torch.equal(a["q_network"][key], b["q_network"][key]), key
    keys = ("step", "episode_return", "loss")
    assert metric_rows(whole.run_dir, keys) == metric_rows(resumed.run_dir, keys)


def test_resume_from_a_checkpoint_in_the_middle_of_an_episode(tmp_path):
    """Keep only the checkpoint of step 250 of a finished run (the pole is mid-episode there), resume
    from it, and finish with the same weights: the environment's state came back exactly."""
    whole = dqn.train(small(checkpoint_every=250), root=tmp_path / "whole")
    copy = tmp_path / "part" / whole.run_dir.relative_to(tmp_path / "whole")
    shutil.copytree(whole.run_dir, copy)
    for path in (copy / "checkpoints").iterdir():
        if not path.name.startswith("step-000000250"):
            path.unlink()
    assert final_state(copy)["episode_return"] > 0  # mid-episode
    resumed = dqn.train(small(checkpoint_every=250), root=tmp_path / "part", resume=copy)
    a, b = final_state(whole.run_dir), final_state(resumed.run_dir)
    for key in a["q_network"]:
        assert torch.equal(a["q_network"][key], b["q_network"][key]), key


def test_a_run_on_box2d_resumes_with_a_fresh_episode(tmp_path):
    """Box2D keeps its physics in C, so no env snapshot is saved (restoring the Python attributes
    alone would resume a different lander): the resume starts a fresh, seeded episode."""
    pytest.importorskip("Box2D")
    config = small(env_id="LunarLander-v3", total_steps=400, learning_starts=100, checkpoint_every=100)
    part = dqn.train(config, root=tmp_path, progress=interrupt_at(250))
    assert part.interrupted and final_state(part.run_dir)["env"] == {}
    resumed = dqn.train(config, root=tmp_path, resume=part.run_dir)
    assert not resumed.interrupted and final_state(resumed.run_dir)["step"] == 400


@pytest.mark.slow
def test_cartpole_target_475():
    """The issue's target: a mean of >= 475 over the last 20 episodes (one seed here; the five-seed
    figure comes from benchmarks/rl_targets.py)."""
    result = dqn.train(dqn.Config(seed=0, record_video=False, total_steps=100_000), root=None)
    assert result.metrics["mean_return_20"] >= 475

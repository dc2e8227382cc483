"""PPO on Atari: the CNN agent on real observations of the native vector env; a slow smoke run."""

import numpy as np
import pytest
import torch

from ldl.rl import ppo, ppo_atari


def test_cnn_agent_on_native_vector_env_observations():
    envs = ppo_atari.make_envs("atari:pong", 2)
    obs, _ = envs.reset(seed=0)
    agent = ppo_atari.make_agent(int(envs.single_action_space.n))
    x = torch.as_tensor(obs, dtype=torch.float32)  # (2, 4, 84, 84)
    assert agent.value(x).shape == (2,) and agent.actor(x).shape == (2, 6)
    probs = agent.policy(x).probs
    np.testing.assert_allclose(probs.sum(dim=1).detach().numpy(), 1.0, rtol=1e-6)
    dist, value = agent.policy_and_value(x)  # the trunk once, as the rollout and the update use it
    torch.testing.assert_close(value, agent.value(x))
    torch.testing.assert_close(dist.probs, probs)
    assert agent.trunk[0].weight.is_contiguous(memory_format=torch.channels_last)
    assert ppo_atari.gymnasium_id("atari:space_invaders") == "ALE/SpaceInvaders-v5"
    envs.close()


@pytest.mark.slow
def test_ppo_pong_smoke_run(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    config = ppo_atari.PongConfig(fast=True, num_envs=2, num_steps=16, update_epochs=1, num_minibatches=2)
    result = ppo.train(config, root=tmp_path)
    assert result.metrics["steps"] == 4 * 2 * 16 and (result.run_dir / "plots" / "agent.gif").exists()


def test_a_run_on_the_ale_resumes_with_fresh_games(tmp_path, monkeypatch):
    """The ALE keeps its state in C, so no env snapshot is saved: the resume restarts the games
    (seeded by the iteration) and carries on with the network, the optimiser and the counters."""
    from .helpers import final_state, interrupt_at

    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    config = ppo_atari.PongConfig(total_steps=6 * 2 * 8, num_envs=2, num_steps=8, update_epochs=1,
                                  num_minibatches=2, checkpoint_every=100, eval_episodes=1,
                                  record_video=False, threads=1)  # fmt: skip
    part = ppo.train(config, root=tmp_path, progress=interrupt_at(3 * 2 * 8))
    assert part.interrupted and final_state(part.run_dir)["env"] == {}
    resumed = ppo.train(config, root=tmp_path, resume=part.run_dir)
    assert not resumed.interrupted and resumed.metrics["steps"] == 6 * 2 * 8
    assert final_state(resumed.run_dir)["iteration"] == 6

"""DQN from pixels: MinAtar snapshots, a fast run, an exact resume, the early stop, a run older than
a config field; Pong's CNN on real frames."""

import json

import numpy as np
import pytest
import torch

from ldl.errors import LdlError
from ldl.rl import dqn_atari
from ldl.tracking import checkpoint_format

from .helpers import final_state, interrupt_at, metric_rows


@pytest.fixture(autouse=True)
def no_tensorboard(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")


def play(env, actions):
    return [env.step(a) for a in actions]


def test_minatar_snapshot_restores_the_game_and_its_random_generator():
    env = dqn_atari.MinAtarEnv("breakout", max_episode_steps=1_000)
    frame, _ = env.reset(seed=3)
    assert frame.shape == (4, 10, 10) and frame.dtype == np.uint8
    actions = np.random.default_rng(0).integers(6, size=60)
    play(env, actions[:20])
    snapshot = env.snapshot()
    expected = play(env, actions[20:])
    other = dqn_atari.MinAtarEnv("breakout", max_episode_steps=1_000)
    other.reset(seed=99)  # a different game and generator, overwritten by the snapshot
    other.restore(snapshot)
    got = play(other, actions[20:])
    for (f1, r1, t1, u1, _), (f2, r2, t2, u2, _) in zip(expected, got):
        np.testing.assert_array_equal(f1, f2)
        assert (r1, t1, u1) == (r2, t2, u2)
    assert other.render().shape == (160, 160, 3)


def test_minatar_episode_is_truncated_at_its_step_limit():
    env = dqn_atari.MinAtarEnv("freeway", max_episode_steps=5)  # freeway lasts 2,500 steps otherwise
    env.reset(seed=0)
    flags = [(t, u) for _, _, t, u, _ in play(env, [0] * 5)]
    assert flags[-1] == (False, True) and not any(u for _, u in flags[:-1])


def test_q_networks_on_minatar_and_atari_shapes():
    small = dqn_atari.make_q_network(4, 6, minatar=True)
    assert small(np.zeros((3, 4, 10, 10), np.uint8)).shape == (3, 6)
    nature = dqn_atari.make_q_network(4, 6, minatar=False)
    assert nature(np.zeros((2, 4, 84, 84), np.uint8)).shape == (2, 6)


def small(**overrides):
    settings = dict(total_steps=700, learning_starts=100, buffer_size=2_000, target_update_every=100,
                    exploration_steps=300, log_every=50, eval_episodes=1, record_video=False)  # fmt: skip
    return dqn_atari.Config(**{**settings, **overrides})


def test_fast_minatar_run_writes_a_complete_run(tmp_path):
    result = dqn_atari.train(dqn_atari.Config(fast=True), root=tmp_path)
    assert not result.interrupted and result.metrics["steps"] == 1_500
    assert (result.run_dir / "plots" / "agent.gif").exists()
    assert np.isfinite(final_state(result.run_dir)["loss"])  # gradient steps happened


def test_minatar_resume_is_exact(tmp_path):
    whole = dqn_atari.train(small(), root=tmp_path / "whole")
    part = dqn_atari.train(small(), root=tmp_path / "part", progress=interrupt_at(350))
    assert part.interrupted
    assert final_state(part.run_dir)["step"] < 700
    resumed = dqn_atari.train(small(), root=tmp_path / "part", resume=part.run_dir)
    a, b = final_state(whole.run_dir), final_state(resumed.run_dir)
    for key in a["q_network"]:
        assert torch.equal(a["q_network"][key], b["q_network"][key]), key
    keys = ("step", "episode_return", "loss")
    assert metric_rows(whole.run_dir, keys) == metric_rows(resumed.run_dir, keys)
    np.testing.assert_array_equal(a["buffer"]["frames"], b["buffer"]["frames"])


@pytest.mark.medium
def test_fast_pong_run_with_the_nature_cnn(tmp_path):
    config = dqn_atari.PongConfig(fast=True, train_frequency=16, record_video=False)  # ~75 CNN steps
    result = dqn_atari.train(config, root=tmp_path)
    state = final_state(result.run_dir)
    assert result.metrics["steps"] == 1_500 and state["buffer"]["frames"].shape[1:] == (84, 84)
    assert np.isfinite(state["loss"]) and (result.run_dir / "plots" / "metrics.png").exists()


def test_a_run_stops_once_twenty_episodes_average_the_target(tmp_path):
    result = dqn_atari.train(small(target_return=-1.0), root=tmp_path)  # any 20 episodes reach -1
    rows = [json.loads(line) for line in (result.run_dir / "metrics.jsonl").read_text().splitlines()]
    episodes = [row for row in rows if "episode_return" in row]
    assert len(episodes) == 20 and result.metrics["steps"] == episodes[-1]["step"] < small().total_steps
    assert final_state(result.run_dir)["step"] == episodes[-1]["step"]  # a checkpoint at the stop
    assert dqn_atari.PongConfig().target_return == 18.0 and dqn_atari.Config().target_return is None


def test_a_run_started_before_a_config_field_existed_still_resumes(tmp_path):
    """target_return was added to the config after runs had started: their config.json and
    checkpoints lack it, and at its default (None: no early stop) they resume as before."""
    part = dqn_atari.train(small(), root=tmp_path, progress=interrupt_at(350))
    config_file = part.run_dir / "config.json"
    saved = json.loads(config_file.read_text())
    del saved["target_return"]
    config_file.write_text(json.dumps(saved))
    for path in (part.run_dir / "checkpoints").glob("step-*.pt"):
        tree = checkpoint_format.read_torch(path)
        del tree["config"]["target_return"]
        with open(path, "wb") as file:
            checkpoint_format.write_torch(tree, file)
    resumed = dqn_atari.train(small(), root=tmp_path, resume=part.run_dir)
    assert not resumed.interrupted and resumed.run_dir == part.run_dir
    assert json.loads(config_file.read_text())["target_return"] is None  # filled in
    with pytest.raises(LdlError, match=r"target_return: None -> 5.0"):
        dqn_atari.train(small(target_return=5.0), root=tmp_path, resume=part.run_dir)

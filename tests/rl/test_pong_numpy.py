"""Karpathy's Pong agent: preprocessing, returns that restart at each point, gradients against
central differences, a short run, exact resume, and a finished run extended on resume."""

import dataclasses
import json

import numpy as np
import pytest

from ldl.errors import LdlError
from ldl.rl import pong_numpy as pong

from .helpers import final_state, interrupt_at


@pytest.fixture(autouse=True)
def no_tensorboard(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")


def test_preprocess_crops_downsamples_and_erases_the_background():
    frame = np.full((210, 160, 3), 144, np.uint8)  # background colour 1
    frame[100:102, 20:24, 0] = 109  # background colour 2
    frame[50:52, 60:62] = 236  # the ball
    frame[10, 10] = 200  # inside the score area: cropped away
    x = pong.preprocess(frame)
    assert x.shape == (6400,) and set(np.unique(x)) <= {0.0, 1.0}
    image = x.reshape(80, 80)
    assert image.sum() == 1 and image[(51 - 35) // 2, 60 // 2] == 1  # row 51 is the one kept


def test_point_returns_restart_at_each_point():
    rewards = np.array([0.0, 0.0, 1.0, 0.0, -1.0])
    np.testing.assert_allclose(pong.point_returns(rewards, 0.5), [0.25, 0.5, 1.0, -0.5, -1.0])


def test_policy_gradient_matches_central_differences():
    rng = np.random.default_rng(0)
    model = {"W1": rng.normal(size=(5, 6400)) * 0.01, "W2": rng.normal(size=5)}
    xs = rng.normal(size=(3, 6400))
    weights = np.array([1.0, -2.0, 0.5])

    def objective(m):  # sum_t w_t * logit_t, whose gradient policy_backward computes with dlogits = w
        return sum(w * (m["W2"] @ np.maximum(m["W1"] @ x, 0)) for w, x in zip(weights, xs))

    hs = np.array([pong.policy_forward(model, x)[1] for x in xs])
    grads = pong.policy_backward(model, xs, hs, weights)
    for key, index in (("W2", (2,)), ("W1", (1, 7)), ("W1", (4, 6000))):
        bumped = {k: v.copy() for k, v in model.items()}
        bumped[key][index] += 1e-6
        lowered = {k: v.copy() for k, v in model.items()}
        lowered[key][index] -= 1e-6
        numeric = (objective(bumped) - objective(lowered)) / 2e-6
        assert grads[key][index] == pytest.approx(numeric, rel=1e-4, abs=1e-8)


def test_short_run_and_exact_resume(tmp_path):
    config = pong.Config(
        num_episodes=2, batch_size=1, max_episode_steps=110, checkpoint_every=100, hidden_size=16
    )
    whole = pong.train(config, root=tmp_path / "whole")
    assert whole.metrics["episodes"] == 2 and (whole.run_dir / "plots" / "metrics.png").exists()
    assert whole.metrics["eval_games"] == 10 and -21 <= whole.metrics["eval_mean_return"] <= 21
    assert (whole.run_dir / "plots" / "agent.gif").read_bytes()[:6] == b"GIF89a"
    part = pong.train(config, root=tmp_path / "part", progress=interrupt_at(1))
    assert part.interrupted
    resumed = pong.train(config, root=tmp_path / "part", resume=part.run_dir)
    a, b = final_state(whole.run_dir), final_state(resumed.run_dir)
    for key in ("W1", "W2"):
        np.testing.assert_array_equal(a["model"][key], b["model"][key])
        np.testing.assert_array_equal(a["cache"][key], b["cache"][key])
    assert not np.array_equal(a["model"]["W2"], pong.init_model(16, np.random.default_rng(0))["W2"])


def test_a_finished_run_resumed_with_more_episodes_matches_the_longer_run(tmp_path):
    config = pong.Config(
        num_episodes=2, batch_size=1, max_episode_steps=110, checkpoint_every=100, hidden_size=16
    )
    whole = pong.train(config, root=tmp_path / "whole")
    short = pong.train(dataclasses.replace(config, num_episodes=1), root=tmp_path / "short")
    assert short.metrics["episodes"] == 1 and not short.interrupted
    extended = pong.train(config, root=tmp_path / "short", resume=short.run_dir)
    assert extended.run_dir == short.run_dir and extended.metrics["episodes"] == 2
    a, b = final_state(whole.run_dir), final_state(extended.run_dir)
    for key in ("W1", "W2"):
        np.testing.assert_array_equal(a["model"][key], b["model"][key])
    saved = json.loads((extended.run_dir / "config.json").read_text())
    assert saved["num_episodes"] == 2
    changes = json.loads((extended.run_dir / "run.json").read_text())["changes"]
    assert [entry["changes"] for entry in changes] == ["num_episodes: 1 -> 2"]
    with pytest.raises(LdlError, match=r"hidden_size: 16 -> 8 \(a resume may change only num_episodes\)"):
        pong.train(dataclasses.replace(config, hidden_size=8), root=tmp_path / "short", resume=short.run_dir)


def test_the_player_resets_its_previous_frame_at_each_game(monkeypatch):
    """Its input is the difference of two frames: a game's first step sees the frame itself (as in
    training), not its difference from the last frame of the previous game."""
    from ldl.rl.envs import make_env
    from ldl.rl.evaluate import run_episodes

    seen = []
    forward = pong.policy_forward
    monkeypatch.setattr(pong, "policy_forward", lambda m, x: (seen.append(x.copy()), forward(m, x))[1])
    model = pong.init_model(8, np.random.default_rng(0))

    class Forgetful(pong.KarpathyPlayer):
        def reset(self):  # the bug this guards against: the previous frame survives a new game
            if not hasattr(self, "previous"):
                super().reset()

    firsts = {}
    for player in (pong.KarpathyPlayer(model), Forgetful(model)):
        seen.clear()
        run_episodes(make_env("ALE/Pong-v5"), player, 2, seed=0, max_steps=40)
        firsts[type(player).__name__] = (seen[0], seen[40])  # each game's first input
    for x in firsts["KarpathyPlayer"]:
        assert x.min() == 0 and x.max() == 1  # a whole frame: nothing was subtracted
    assert firsts["Forgetful"][1].min() < 0  # the old frame leaks in without the reset
    greedy_up = pong.KarpathyPlayer({"W1": np.ones((1, 6400)), "W2": np.ones(1)}, greedy=True)
    assert greedy_up(np.full((210, 160, 3), 200, np.uint8)) == pong.UP

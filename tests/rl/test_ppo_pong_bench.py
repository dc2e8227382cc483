"""benchmarks/ppo_pong.py: the speed peers compute the same thing and are timed, a run's curve is read
honestly (NaN before the first game, the target crossed or not within the hours), and a checkpoint
plays whole games."""

import json
import math

import pytest

from .helpers import load_benchmark

torch = pytest.importorskip("torch")
pytest.importorskip("ale_py")


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    return load_benchmark("ppo_pong")


def records(points):
    return [{"step": 1024 * (i + 1), "seconds": seconds, "mean_return_20": mean} for i, (seconds, mean) in
            enumerate(points)]  # fmt: skip


def test_curve_finds_the_first_crossing_and_the_value_at_the_deadline(bench, tmp_path):
    run = records([(60, math.nan), (1800, -20.0), (5000, -3.0), (6900, 0.5), (7300, 2.0), (9000, -1.0)])
    summary = bench.curve_summary(run, target=0.0, hours=2.0)
    assert summary["first_above_target"]["seconds"] == 6900 and summary["met_within_hours"]
    assert summary["at_hours"]["mean_return_20"] == 0.5  # the last record within 2 h
    assert summary["best"]["mean_return_20"] == 2.0 and summary["last"]["mean_return_20"] == -1.0
    late = bench.curve_summary(run, target=1.0, hours=2.0)  # crossed, but only after 2 h
    assert late["first_above_target"]["seconds"] == 7300 and not late["met_within_hours"]
    never = bench.curve_summary(run, target=5.0)
    assert never["first_above_target"] is None and not never["met_within_hours"]
    assert bench.curve_summary(records([(10, math.nan)]))["first_above_target"] is None


def test_curve_command_reads_metrics_and_plots(bench, tmp_path, capsys):
    (tmp_path / "metrics.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records([(100, -21.0), (200, -19.0)]))
        + "\n"
        + json.dumps({"step": 2048, "eval_mean_return": -20.0})
        + "\n"  # a summary record is skipped
    )
    bench.main(["curve", "--run", str(tmp_path), "--target", "-20", "--plot", str(tmp_path / "c.png")])
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["first_above_target"]["step"] == 2048 and (tmp_path / "c.png").stat().st_size > 1000
    with pytest.raises(SystemExit, match="metrics.jsonl not found"):
        bench.main(["curve", "--run", str(tmp_path / "missing")])


def test_two_pass_peer_computes_the_same_agent(bench):
    from ldl.rl import ppo_atari

    torch.manual_seed(0)
    ours = ppo_atari.make_agent(6)
    peer = ppo_atari.make_agent(6)
    peer.load_state_dict(ours.state_dict())
    peer = bench._two_pass(peer)
    assert not peer.trunk[0].weight.is_contiguous(memory_format=torch.channels_last)
    x = torch.randint(0, 256, (3, 4, 84, 84)).float()
    (dist, value), (peer_dist, peer_value) = ours.policy_and_value(x), peer.policy_and_value(x)
    torch.testing.assert_close(peer_value, value, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(peer_dist.probs, dist.probs, rtol=1e-4, atol=1e-5)


def test_speed_times_every_peer(bench, capsys):
    pytest.importorskip("stable_baselines3")
    bench.main(["speed", "--iterations", "1", "--num-steps", "8"])
    lines = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    rates = {line["peer"]: line["steps_per_second"] for line in lines if "peer" in line}
    assert set(rates) == {"ldl", "ldl-two-pass", "sb3"} and all(rate > 0 for rate in rates.values())
    assert lines[-1]["ratios"]["ldl/sb3"] == pytest.approx(rates["ldl"] / rates["sb3"], rel=0.02)


def test_evaluate_plays_whole_games_from_the_newest_checkpoint(bench, tmp_path, capsys):
    from ldl.rl import ppo_atari
    from ldl.tracking.checkpoint import CheckpointManager

    agent = ppo_atari.make_agent(6)
    manager = CheckpointManager(tmp_path / "checkpoints", config=ppo_atari.PongConfig())
    manager.save({"agent": agent.state_dict()}, 1024)
    manager.save({"agent": agent.state_dict()}, 2048)
    bench.main(["evaluate", "--run", str(tmp_path), "--games", "2", "--max-steps", "40"])
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert record["checkpoint_step"] == 2048 and len(record["returns"]) == record["games"] == 2
    assert all(-21 <= r <= 21 for r in record["returns"]) and record["policy"] == "greedy"
    assert record["won"] == sum(r > 0 for r in record["returns"])
    bench.main(["evaluate", "--run", str(tmp_path), "--games", "1", "--max-steps", "40",
                "--policy", "sample"])  # fmt: skip
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["policy"] == "sample"


def test_curve_and_evaluate_read_a_numpy_pong_run(bench, tmp_path, capsys):
    """Karpathy's agent logs a running mean per game and saves NumPy weights: the same commands
    read its runs, and its games are played by KarpathyPlayer on the raw game."""
    import numpy as np

    from ldl.rl import pong_numpy
    from ldl.tracking.checkpoint import CheckpointManager

    lines = [{"step": i + 1, "running_return": -21.0 + 0.5 * i, "seconds": 600.0 * i} for i in range(10)]
    (tmp_path / "metrics.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    bench.main(
        [
            "curve",
            "--run",
            str(tmp_path),
            "--target",
            "-19",
            "--hours",
            "1",
            "--plot",
            str(tmp_path / "c.png"),
        ]
    )
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["metric"] == "running_return" and printed["first_above_target"]["step"] == 6
    assert printed["at_hours"]["mean_return_20"] == -18.0 and printed["met_within_hours"]  # 50 minutes in

    model = pong_numpy.init_model(8, np.random.default_rng(0))
    manager = CheckpointManager(tmp_path / "checkpoints", config=pong_numpy.Config(hidden_size=8))
    manager.save({"model": model, "episode": 10}, 10)
    gif = tmp_path / "game.gif"
    bench.main(["evaluate", "--run", str(tmp_path), "--games", "2", "--max-steps", "40", "--policy", "sample",
                "--gif", str(gif)])  # fmt: skip
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert record["checkpoint_step"] == 10 and len(record["returns"]) == 2 and record["policy"] == "sample"
    assert record["gif"] == str(gif) and gif.read_bytes()[:6] == b"GIF89a"


def test_curve_and_evaluate_read_a_dqn_pong_run(bench, tmp_path, capsys):
    """A `deep-rl.dqn-pong` run: its 20-game mean and epsilon are read as a DQN curve, and its
    Q-network plays greedily or epsilon-greedily on the stacked-frame env it trained on."""
    from ldl.rl import dqn_atari
    from ldl.tracking.checkpoint import CheckpointManager

    lines = [{"step": 1000 * (i + 1), "episode_return": -21.0, "mean_return_20": -21.0 + i, "epsilon": 0.5,
              "seconds": 60.0 * i} for i in range(5)]  # fmt: skip
    (tmp_path / "metrics.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert bench.agent_kind(bench.read_metrics(tmp_path)) == "dqn"
    bench.main(["curve", "--run", str(tmp_path), "--target", "-19.5", "--plot", str(tmp_path / "c.png")])
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["first_above_target"]["step"] == 3000 and (tmp_path / "c.png").stat().st_size > 1000

    torch.manual_seed(0)
    q_network = dqn_atari.make_q_network(4, 6, minatar=False)
    with torch.no_grad():  # a network that always wants action 2 (UP): greedy play must follow it
        q_network.head.bias.copy_(torch.tensor([0.0, 0.0, 100.0, 0.0, 0.0, 0.0]))
    manager = CheckpointManager(tmp_path / "checkpoints", config=dqn_atari.PongConfig())
    manager.save({"q_network": q_network.state_dict()}, 5000)
    player, env, step = bench.load_player(tmp_path, None, "greedy", seed=0)
    observation, _ = env.reset(seed=1)
    assert step == 5000 and observation.shape == (4, 84, 84) and player(observation) == 2
    bench.main(
        ["evaluate", "--run", str(tmp_path), "--games", "2", "--max-steps", "40", "--policy", "sample"]
    )
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert record["checkpoint_step"] == 5000 and len(record["returns"]) == 2 and record["policy"] == "sample"


def test_curve_of_a_long_minatar_run_bins_its_returns(bench, tmp_path, capsys):
    """Thousands of short MinAtar episodes: the game comes from the run's config.json, and the plot
    adds the mean return per 2% of the run (the bins cover every record)."""
    assert bench.run_game(tmp_path) == "atari:pong"  # no config.json: a Pong run
    (tmp_path / "config.json").write_text(json.dumps({"env_id": "minatar:breakout"}))
    assert bench.run_game(tmp_path) == "minatar:breakout"
    lines = [{"step": 100 * (i + 1), "episode_return": float(i % 7), "mean_return_20": 3.0, "epsilon": 0.05,
              "seconds": 2.0 * i} for i in range(1_000)]  # fmt: skip
    (tmp_path / "metrics.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    bench.main(["curve", "--run", str(tmp_path), "--target", "2", "--plot", str(tmp_path / "c.png")])
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["first_above_target"]["step"] == 100 and (tmp_path / "c.png").stat().st_size > 1000

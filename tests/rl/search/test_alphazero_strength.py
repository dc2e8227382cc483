"""benchmarks/alphazero_strength.py elo: two rounds, a ladder of full pairings, resumable, plotted."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

from ldl.rl.search.player import resolve_snapshot  # noqa: E402

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "alphazero_strength.py"


def run(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_elo_table_plays_every_ladder_pairing_in_full_and_resumes(tmp_path):
    run_dir = tmp_path / "run"
    (run_dir / "snapshots").mkdir(parents=True)
    for iteration in (10, 20):  # two "snapshots" of a run (the shipped network, twice)
        shutil.copy(resolve_snapshot("connect-four"), run_dir / "snapshots" / f"iteration-{iteration:04d}.pt")
    rows = [{"step": 10, "score_vs_random": 0.9}, {"step": 20, "score_vs_random": 1.0}]
    (run_dir / "metrics.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "elo.jsonl"
    common = ["elo", "--agent", str(run_dir), "--games", "4", "--pre-games", "2", "--mcts", "10",
              "--depths", "1", "--simulations", "4", "--neighbours", "1", "--workers", "2",
              "--out", str(out)]  # fmt: skip
    run(*common)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    players = {"random", "mcts-10", "alphabeta-1", "az-iteration-0010", "az-iteration-0020"}
    order_round = [r for r in records if r.get("phase") == "order"]
    assert len(order_round) == 10 and all(r["wins"] + r["draws"] + r["losses"] == 2 for r in order_round)
    order = next(r["order"] for r in records if r["benchmark"] == "elo-order")
    assert set(order) == players and order[0] == "random"
    table_round = [r for r in records if r.get("phase") == "table"]
    assert [(r["a"], r["b"]) for r in table_round] == list(zip(order, order[1:], strict=False))  # a chain
    assert all(r["wins"] + r["draws"] + r["losses"] == 4 for r in table_round)
    table = [r for r in records if r["benchmark"] == "elo"][-1]["table"]
    assert {r["player"] for r in table} == players
    assert next(r for r in table if r["player"] == "random")["elo"] == 0
    assert all(r["low"] <= r["elo"] <= r["high"] for r in table)

    again = run(*common)  # everything is in the file: nothing is replayed, the same table comes out
    assert "10 of 10 order pairings already played" in again
    assert "4 of 4 table pairings already played" in again
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len([r for r in records if r.get("phase")]) == 14
    assert [r for r in records if r["benchmark"] == "elo"][-1]["table"] == table

    plot = tmp_path / "curves.png"
    run("curves", "--agent", str(run_dir), "--elo-file", str(out), "--plot", str(plot))
    assert plot.stat().st_size > 10_000


def test_elo_names_a_missing_snapshot_before_playing(tmp_path):
    (tmp_path / "snapshots").mkdir()
    shutil.copy(resolve_snapshot("connect-four"), tmp_path / "snapshots" / "iteration-0010.pt")
    command = [sys.executable, str(SCRIPT), "elo", "--agent", str(tmp_path), "--iterations", "10", "30",
               "--out", str(tmp_path / "elo.jsonl")]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "iteration-0030.pt" in done.stderr
    assert not (tmp_path / "elo.jsonl").exists()


def test_a_match_played_with_the_names_reversed_is_reused_from_the_other_side():
    import importlib.util

    spec = importlib.util.spec_from_file_location("alphazero_strength", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    played = {"phase": "table", "a": "alphabeta-3", "b": "alphabeta-2", "wins": 196, "draws": 70,
              "losses": 134, "score": 0.5775}  # fmt: skip
    wanted = {"phase": "table", "a": "alphabeta-2", "b": "alphabeta-3"}
    assert bench._pair_key(played) == bench._pair_key(wanted)
    seen = bench._from_a_side(played, wanted)
    assert (seen["a"], seen["wins"], seen["draws"], seen["losses"]) == ("alphabeta-2", 134, 70, 196)
    assert seen["score"] == pytest.approx(0.4225)
    assert bench._from_a_side(played, played) is played


def test_retrain_and_own_positions_measure_the_raw_policy(tmp_path):
    """`retrain` trains a run's network on its own window and re-measures the raw accuracy (which
    cannot move at learning rate 0); `own-positions` draws and labels positions from the network's
    play. Both report the same raw accuracy as the `accuracy` command's "policy (no search)"."""
    pytest.importorskip("bitbully")
    import numpy as np
    import torch

    from ldl.rl.games import ConnectFour
    from ldl.rl.search.alphazero import ConnectFourConfig, ExampleWindow
    from ldl.rl.search.network import PolicyValueNet
    from ldl.rl.search.player import save_snapshot
    from ldl.tracking.checkpoint import CheckpointManager

    game, config = ConnectFour(), ConnectFourConfig(channels=8, num_blocks=1)
    torch.manual_seed(0)
    model = PolicyValueNet(game, config.channels, config.num_blocks).half().float()  # as a snapshot keeps it
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr)
    window, rng = ExampleWindow(64, (3, 6, 7), 7), np.random.default_rng(0)
    for _ in range(64):
        policy = rng.dirichlet(np.ones(7)).astype(np.float32)
        window.add(rng.integers(0, 2, (3, 6, 7)).astype(np.float32), policy, float(rng.choice([-1, 1])))
    run_dir = tmp_path / "run"
    manager = CheckpointManager(run_dir / "checkpoints", config=config)
    manager.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                  "window": window.state_dict()}, 3)  # fmt: skip
    save_snapshot(model, config, run_dir / "snapshots" / "iteration-0003.pt")

    def shares(*args):
        return [json.loads(line) for line in run(*args, "--agent", str(run_dir), "--positions", "30")]

    frozen = shares("retrain", "--steps", "4", "--every", "2", "--batch-size", "8", "--lr", "0")
    assert [r["step"] for r in frozen] == [0, 2, 4] and {r["checkpoint_step"] for r in frozen} == {3}
    assert len({r["raw_optimal_share"] for r in frozen}) == 1  # lr 0: nothing moves
    moved = shares("retrain", "--steps", "40", "--every", "40", "--batch-size", "8", "--lr", "0.05")
    assert moved[0]["raw_optimal_share"] == frozen[0]["raw_optimal_share"]
    assert moved[1]["loss"] < 0.9 * np.mean([frozen[1]["loss"], frozen[2]["loss"]])  # it trains
    accuracy = shares("accuracy", "--simulations", "2")
    raw = next(r for r in accuracy if r["player"] == "policy (no search)")
    assert raw["optimal_share"] == frozen[0]["raw_optimal_share"]
    alone = shares("accuracy", "--simulations", "0")  # no search: the raw policy and the floor only
    assert [r["player"] for r in alone] == ["policy (no search)", "random (the floor)"]
    assert alone[0]["optimal_share"] == raw["optimal_share"]
    held_out = shares("accuracy", "--simulations", "0", "--positions-seed", "7")  # another 30 positions
    assert held_out[0]["positions_seed"] == 7 and alone[0]["positions_seed"] == 2024
    assert [r["win_now_positions"] for r in held_out] != [r["win_now_positions"] for r in alone] or \
        held_out[0]["optimal_share"] != alone[0]["optimal_share"]  # fmt: skip
    for record in accuracy:  # the split into "a win on the spot" and the rest covers every position
        wins = record["win_now_positions"]
        assert 0 < wins < 30
        whole = (wins * record["optimal_share_win_now"] + (30 - wins) * record["optimal_share_other"]) / 30
        assert whole == pytest.approx(record["optimal_share"])
        blocks = record["must_block_positions"]  # the others: must block, or quiet
        assert 0 < blocks < 30 - wins
        quiet = 30 - wins - blocks
        other = blocks * record["optimal_share_must_block"] + quiet * record["optimal_share_quiet"]
        assert other / (30 - wins) == pytest.approx(record["optimal_share_other"])

    own = shares("own-positions")
    assert [r["positions_from"] for r in own] == ["self-play", "sampled throughout"]
    assert all(r["positions"] == 30 and 0 <= r["raw_optimal_share"] <= 1 for r in own)


def test_accuracy_curve_scores_the_chosen_snapshots_and_plots(tmp_path):
    pytest.importorskip("bitbully")
    (tmp_path / "snapshots").mkdir()
    for iteration in (10, 20):
        shutil.copy(resolve_snapshot("connect-four"), tmp_path / "snapshots" / f"iteration-00{iteration}.pt")
    plot = tmp_path / "curve.png"
    lines = run("accuracy-curve", "--agent", str(tmp_path), "--iterations", "20", "--positions", "20",
                "--simulations", "2", "--plot", str(plot))  # fmt: skip
    records = [json.loads(line) for line in lines if line.startswith("{")]
    scored = [(r["iteration"], r["simulations"]) for r in records if "iteration" in r]
    assert scored == [(20, 0), (20, 2)]  # only the chosen snapshot, raw and with search
    assert all(0 <= r["optimal_share"] <= 1 for r in records if "iteration" in r)
    assert plot.stat().st_size > 10_000
    done = subprocess.run([sys.executable, str(SCRIPT), "accuracy-curve", "--agent", str(tmp_path),
                           "--iterations", "30"], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode != 0 and "iteration-0030.pt" in done.stderr


def test_ceiling_learns_its_solver_labels_and_never_trains_on_the_fixed_set(tmp_path):
    """`ceiling` labels positions drawn like the fixed set (but never one of them), keeps the labels
    in --cache, and a small network learns its training labels by heart (train_share near 1)."""
    pytest.importorskip("bitbully")
    from ldl.rl.games import ConnectFour
    from ldl.rl.search.oracle import labelled_positions

    cache = tmp_path / "labels.json"
    common = ["ceiling", "--positions", "200", "--workers", "2", "--cache", str(cache), "--channels", "16",
              "--blocks", "1", "--lr", "0.01"]  # fmt: skip
    records = [json.loads(line) for line in run(*common, "--train-positions", "300", "--steps", "200",
                                                  "--every", "200")]  # fmt: skip
    assert records[0]["labelled"] == 300
    first, last = records[1], records[2]
    assert (first["step"], last["step"]) == (0, 200)
    assert first["train_share"] < 0.8 and last["train_share"] > 0.9  # it fits its own labels
    assert 0 <= last["raw_optimal_share"] <= 1
    game = ConnectFour()
    rows = json.loads(cache.read_text())["positions"]
    keys = [game.from_moves(row["moves"]).key() for row in rows]
    assert len(rows) >= 300 and len(set(keys)) == len(keys)
    assert not set(keys) & {state.key() for state in labelled_positions(200).states}
    cached = cache.stat().st_mtime_ns
    again = [json.loads(line) for line in run(*common, "--train-positions", "250", "--steps", "0")]
    assert again[0]["labelled"] == 250 and cache.stat().st_mtime_ns == cached  # read back, not relabelled


def test_window_reports_the_wins_left_open_in_what_the_network_trains_on(tmp_path):
    """`window` rebuilds each example's board from its planes: a position with three of the mover's
    stones in a row (a win on the spot) counts, an empty board does not."""
    import numpy as np
    import torch

    from ldl.rl.games import ConnectFour
    from ldl.rl.search.alphazero import ConnectFourConfig, ExampleWindow
    from ldl.rl.search.network import PolicyValueNet
    from ldl.tracking.checkpoint import CheckpointManager

    game, config = ConnectFour(), ConnectFourConfig(channels=8, num_blocks=1)
    three = game.encode(game.from_moves([0, 6, 1, 6, 2, 5]))  # X to move: column 4 (index 3) wins
    assert three[0, 5, :3].sum() == 3 and three[1].sum() == 3
    on_win = np.eye(7, dtype=np.float32)[3] * 0.75 + 0.25 / 7
    window = ExampleWindow(40, (3, 6, 7), 7)
    for i in range(40):  # 10 positions with a win on the spot among 40
        if i % 4 == 0:
            window.add(three, on_win, 1.0)
        else:
            window.add(game.encode(game.initial_state()), np.full(7, 1 / 7, dtype=np.float32), 0.0)
    model = PolicyValueNet(game, config.channels, config.num_blocks)
    manager = CheckpointManager(tmp_path / "checkpoints", config=config)
    optimizer = torch.optim.AdamW(model.parameters())
    manager.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                  "window": window.state_dict()}, 5)  # fmt: skip
    (record,) = [json.loads(line) for line in run("window", "--agent", str(tmp_path))]
    assert record["checkpoint_step"] == 5 and record["window"] == record["sampled"] == 40
    assert record["win_now_share"] == pytest.approx(0.25)
    assert record["target_on_win_now_median"] == pytest.approx(0.75 + 0.25 / 7)
    assert record["mean_stones"] == pytest.approx(6 * 10 / 40)
    (few,) = [json.loads(line) for line in run("window", "--agent", str(tmp_path), "--positions", "8")]
    assert few["sampled"] == 8


def test_ship_copies_a_snapshot_and_its_evaluation_history(tmp_path):
    from ldl.rl.games import TicTacToe
    from ldl.rl.search.alphazero import Config
    from ldl.rl.search.network import PolicyValueNet
    from ldl.rl.search.player import load_snapshot, save_snapshot

    run_dir, config = tmp_path / "run", Config(channels=8, num_blocks=1)
    save_snapshot(PolicyValueNet(TicTacToe(), 8, 1), config, run_dir / "snapshots" / "iteration-0004.pt")
    rows = [{"step": 1, "cpu_seconds": 30.0, "games": 8},
            {"step": 2, "cpu_seconds": 60.0, "games": 16, "score_vs_random": 0.5, "solver_accuracy": 0.4},
            {"step": 3, "cpu_seconds": 90.0, "games": 24},
            {"step": 4, "cpu_seconds": 123.0, "games": 32, "score_vs_random": 0.75},
            {"step": 6, "cpu_seconds": 180.0, "games": 48, "score_vs_random": 1.0}]  # fmt: skip
    (run_dir / "metrics.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    shipped = tmp_path / "shipped"
    (record,) = [json.loads(line) for line in run("ship", "--agent", str(run_dir), "--iterations", "4",
                                                  "--ship-to", str(shipped))]  # fmt: skip
    assert record["evaluations"] == 2
    history = json.loads((shipped / "tic-tac-toe.history.json").read_text())
    assert history == [
        {"iteration": 2, "cpu_minutes": 1.0, "games": 16, "score_vs_random": 0.5, "solver_accuracy": 0.4},
        {"iteration": 4, "cpu_minutes": 2.05, "games": 32, "score_vs_random": 0.75},
    ]  # evaluations only, and none after the shipped iteration
    game, _ = load_snapshot(shipped / "tic-tac-toe.pt")
    assert game.name == "tic-tac-toe"
    command = [sys.executable, str(SCRIPT), "ship", "--agent", str(run_dir), "--iterations", "3"]
    done = subprocess.run([*command, "--ship-to", str(shipped)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "no such snapshot" in done.stderr


def test_matches_without_peer_games_print_only_the_agents_matches():
    lines = run("matches", "--games", "2", "--peer-games", "0", "--depths", "1", "--simulations", "2")
    records = [json.loads(line) for line in lines]
    pairs = [(r["player"], r["opponent"]) for r in records]
    assert pairs == [("alphazero", "random"), ("alphazero", "alphabeta-1")]
    assert all(r["wins"] + r["draws"] + r["losses"] == 2 for r in records)

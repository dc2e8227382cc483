"""AlphaZero: the loss, the replay window, exact resume, worker processes, Ray actors, snapshots."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from ldl.rl.games import ConnectFour, TicTacToe  # noqa: E402
from ldl.rl.search import alphazero  # noqa: E402
from ldl.rl.search.alphazero import AlphaZeroPlayer, Config, ExampleWindow, train  # noqa: E402
from ldl.rl.search.network import PolicyValueNet  # noqa: E402
from ldl.rl.search.selfplay import SelfPlayTask, play_games  # noqa: E402
from ldl.tracking import CheckpointManager  # noqa: E402

from ..helpers import interrupt_at, require_ray  # noqa: E402


def tiny(**changes) -> Config:
    base = dict(num_iterations=3, games_per_iteration=4, num_workers=0, parallel_games=4, num_simulations=8,
                train_steps=4, batch_size=16, channels=8, num_blocks=1, evaluate_every=3, eval_games=2,
                eval_simulations=4, replay_window=500)  # fmt: skip
    return Config(**{**base, **changes})


def weights(run_dir):
    return CheckpointManager(run_dir / "checkpoints").latest().state["model"]


def test_network_shapes_and_value_range():
    for game in (TicTacToe(), ConnectFour()):
        model = PolicyValueNet(game, channels=8, num_blocks=1)
        x = torch.from_numpy(np.stack([game.encode(game.initial_state())] * 5))
        logits, value = model(x)
        assert logits.shape == (5, game.num_actions) and value.shape == (5,)
        assert torch.all(value.abs() <= 1)


def test_self_play_examples_carry_the_result_for_the_player_to_move():
    game = TicTacToe()
    model = PolicyValueNet(game, 8, 1)
    from ldl.rl.search.mcts import MCTSConfig

    task = SelfPlayTask("tic-tac-toe", {k: v.numpy() for k, v in model.state_dict().items()}, 8, 1,
                        MCTSConfig(8, dirichlet_fraction=0.25), num_games=6, parallel_games=3,
                        temperature_moves=2, seed=5)  # fmt: skip
    out = play_games(task)
    assert len(out.winners) == 6 and sum(out.lengths) == len(out.values)
    np.testing.assert_allclose(out.policies.sum(axis=1), 1, atol=1e-5)
    start = 0
    for winner, length in zip(out.winners, out.lengths, strict=True):
        values = out.values[start : start + length]
        first_mover = out.planes[start : start + length, 0].sum(axis=(1, 2)) == out.planes[
            start : start + length, 1].sum(axis=(1, 2))  # fmt: skip  # X to move: equal stones
        expected = np.where(first_mover, winner, -winner)
        np.testing.assert_array_equal(values, expected)
        start += length
    again = play_games(task)
    np.testing.assert_array_equal(out.values, again.values)  # a task's seed fixes its games


def test_playout_cap_randomisation_records_only_full_searches_and_mixes_q_into_the_value():
    game = TicTacToe()
    model = PolicyValueNet(game, 8, 1)
    from ldl.rl.search.mcts import MCTSConfig

    def run(**changes):
        task = SelfPlayTask("tic-tac-toe", {k: v.numpy() for k, v in model.state_dict().items()}, 8, 1,
                            MCTSConfig(7, dirichlet_fraction=0.25), num_games=12, parallel_games=4,
                            temperature_moves=2, seed=3, **changes)  # fmt: skip
        return play_games(task)

    whole = run()
    assert len(whole.values) == sum(whole.lengths) and set(whole.values.tolist()) <= {-1.0, 0.0, 1.0}
    capped = run(fast_simulations=2, full_search_fraction=0.3)
    assert len(capped.winners) == 12
    assert 0 < len(capped.values) < 0.6 * sum(capped.lengths)  # about 30% of the moves recorded
    visits = capped.policies * 7  # every recorded policy comes from a full 7-simulation search
    np.testing.assert_allclose(visits, np.round(visits), atol=1e-4)
    mixed = run(q_weight=0.5)  # the same games as `whole` (no extra random draws): only targets change
    np.testing.assert_array_equal(mixed.planes, whole.planes)
    q = 2 * mixed.values - whole.values  # the search's value of each position, for the player to move
    assert np.all(np.abs(q) <= 1 + 1e-6) and not np.allclose(q, whole.values)
    assert np.mean(q * whole.values) > 0  # the search sees the coming result from the right side


def test_random_openings_start_games_after_unrecorded_random_moves():
    from ldl.rl.search.mcts import MCTSConfig
    from ldl.rl.search.selfplay import random_opening

    game = ConnectFour()
    model = PolicyValueNet(game, 8, 1)

    def first_positions(opening_plies: int) -> np.ndarray:
        task = SelfPlayTask("connect-four", {k: v.numpy() for k, v in model.state_dict().items()}, 8, 1,
                            MCTSConfig(4, dirichlet_fraction=0.25), num_games=16, parallel_games=8,
                            temperature_moves=2, seed=7, opening_plies=opening_plies)  # fmt: skip
        out = play_games(task)
        assert sum(out.lengths) == len(out.values)  # the opening moves are not examples
        starts = np.cumsum([0, *out.lengths[:-1]])
        return out.planes[starts, :2].sum(axis=(1, 2, 3))  # stones on the board at each game's first example

    assert set(first_positions(0).tolist()) == {0}
    stones = first_positions(6)
    assert stones.min() >= 0 and stones.max() <= 6 and len(set(stones.tolist())) >= 3
    rng = np.random.default_rng(0)
    plies = [random_opening(game, 5, rng).moves_played for _ in range(600)]
    assert set(plies) == set(range(6))  # uniform over 0..5
    positions = [random_opening(game, 40, rng) for _ in range(50)]
    assert all(game.terminal_value(state) is None for state in positions)  # never a finished game


def test_the_first_moves_after_a_random_opening_are_always_recorded():
    from ldl.rl.search.mcts import MCTSConfig

    game = ConnectFour()
    torch.manual_seed(0)
    model = PolicyValueNet(game, 8, 1)

    def play(opening_full_searches: int):
        task = SelfPlayTask("connect-four", {k: v.numpy() for k, v in model.state_dict().items()}, 8, 1,
                            MCTSConfig(4, dirichlet_fraction=0.25), num_games=24, parallel_games=8,
                            temperature_moves=2, seed=3, fast_simulations=2, full_search_fraction=0.0,
                            opening_plies=6, opening_full_searches=opening_full_searches)  # fmt: skip
        return play_games(task)

    assert len(play(0).values) == 0  # no full searches at all: nothing recorded
    out = play(2)
    stones = out.planes[:, :2].sum(axis=(1, 2, 3))  # (N,) stones on the board of each example
    # Only the first two searched positions of games that opened with random moves are examples:
    # each game gives none (empty opening), one (it ended at once) or two, one stone apart.
    games = len(out.lengths)
    assert games <= len(stones) <= 2 * games and stones.min() >= 1 and stones.max() <= 7
    follows = np.sum(np.diff(stones) == 1)  # a game's second example holds one stone more
    assert follows >= len(stones) - games


def test_example_window_keeps_the_newest():
    window = ExampleWindow(3, (1, 1, 1), 2)
    for i in range(5):
        window.add(np.full((1, 1, 1), i), np.array([1.0, 0.0]), float(i))
    assert window.size == 3 and sorted(window.values.tolist()) == [2.0, 3.0, 4.0]
    copy = ExampleWindow(3, (1, 1, 1), 2)
    copy.load_state_dict(window.state_dict())
    assert copy.next == window.next and copy.values.tolist() == window.values.tolist()


def test_resume_is_exact(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    whole = train(tiny(), root=tmp_path / "whole")
    assert {"score_vs_random", "losses_vs_minimax", "iterations", "cpu_seconds"} <= set(whole.metrics)
    snapshot = whole.run_dir / "snapshots" / "iteration-0003.pt"  # the evaluation at iteration 3
    player = AlphaZeroPlayer.from_checkpoint(snapshot, num_simulations=4)
    game = TicTacToe()
    assert game.legal_actions(game.initial_state())[player(game, game.initial_state())]
    assert player.last_policy.sum() == pytest.approx(1) and snapshot.stat().st_size < 50_000
    part = train(tiny(), root=tmp_path / "part", progress=interrupt_at(1))
    assert part.interrupted
    resumed = train(tiny(), root=tmp_path / "part", resume=part.run_dir)
    assert not resumed.interrupted
    a, b = weights(whole.run_dir), weights(resumed.run_dir)
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=0, atol=0)


def test_resume_is_exact_with_quick_searches_and_q_targets(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    quick = dict(fast_simulations=3, full_search_fraction=0.5, q_weight=0.5, opening_plies=3,
                 opening_full_searches=1)
    config = tiny(num_iterations=2, evaluate_every=5, **quick)
    whole = train(config, root=tmp_path / "whole")
    part = train(config, root=tmp_path / "part", progress=interrupt_at(1))
    resumed = train(config, root=tmp_path / "part", resume=part.run_dir)
    a, b = weights(whole.run_dir), weights(resumed.run_dir)
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=0, atol=0)
    plain = weights(train(tiny(num_iterations=2, evaluate_every=5), root=tmp_path / "plain").run_dir)
    assert any(not torch.equal(a[name], plain[name]) for name in a)  # the options reach the workers


def test_a_finished_run_trains_on_when_resumed_with_more_iterations(tmp_path, monkeypatch):
    """num_iterations only says when to stop, so a finished run may be resumed with a larger one and
    reaches the weights of a run started with it (the short run's evaluation at its stop draws none
    of the training randomness)."""
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    whole = train(tiny(num_iterations=2, evaluate_every=5), root=tmp_path / "whole")
    short = train(tiny(num_iterations=1, evaluate_every=5), root=tmp_path / "short")
    assert short.metrics["iterations"] == 1
    longer = train(tiny(num_iterations=2, evaluate_every=5), root=tmp_path / "short", resume=short.run_dir)
    assert longer.run_dir == short.run_dir and longer.metrics["iterations"] == 2
    a, b = weights(whole.run_dir), weights(longer.run_dir)
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=0, atol=0)


def test_worker_processes_play_the_same_games_as_the_main_process(tmp_path, monkeypatch):
    """One worker process and no worker process get the same task seeds, so the same weights."""
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    config = tiny(num_iterations=1, evaluate_every=5)
    local = train(config, root=tmp_path / "local")
    pooled = train(tiny(num_iterations=1, evaluate_every=5, num_workers=1), root=tmp_path / "pool")
    a, b = weights(local.run_dir), weights(pooled.run_dir)
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=0, atol=0)


def test_overlap_trains_while_the_workers_play_and_still_resumes_exactly(tmp_path, monkeypatch):
    """With `overlap`, the games of an iteration are collected after its training steps (the first
    iteration, with an empty window, waits for them), and an interrupted run resumes to the same
    weights."""
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    events: list[str] = []

    from ldl.rl.search import selfplay

    class Backend(selfplay.InProcessSelfPlay):
        def submit(self, fn, tasks):
            events.append(f"submit {fn.__name__}")
            collect = super().submit(fn, tasks)
            return lambda: (events.append(f"collect {fn.__name__}"), collect())[1]

    real_step = alphazero.train_step
    monkeypatch.setattr(alphazero, "make_self_play", lambda config: Backend())
    monkeypatch.setattr(alphazero, "train_step", lambda *a: (events.append("train"), real_step(*a))[1])
    whole = train(tiny(overlap=True, train_steps=2), root=tmp_path / "whole")
    iterations = " ".join(events).split("submit play_games")[1:]
    assert [i.split() for i in iterations[:2]] == [["collect", "play_games", "train", "train"],
                                                   ["train", "train", "collect", "play_games"]]  # fmt: skip
    assert "submit play_eval_match" in iterations[2]  # the evaluation's matches go to the workers too
    part = train(tiny(overlap=True, train_steps=2), root=tmp_path / "part", progress=interrupt_at(2))
    assert part.interrupted
    resumed = train(tiny(overlap=True, train_steps=2), root=tmp_path / "part", resume=part.run_dir)
    a, b = weights(whole.run_dir), weights(resumed.run_dir)
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=0, atol=0)
    plain = train(tiny(train_steps=2), root=tmp_path / "plain")
    assert any(not torch.equal(a[name], weights(plain.run_dir)[name]) for name in a)  # the lag is real


def test_evaluation_matches_give_the_same_scores_in_worker_processes():
    from ldl.rl.search import evaluation, selfplay

    game = TicTacToe()
    config = tiny(num_workers=2, eval_games=8, eval_opponents=["random", "minimax"])
    model = PolicyValueNet(game, 8, 1).eval()
    tasks = evaluation.eval_matches(game, model, config, seed=3)
    assert [(t.opponent, t.num_games) for t in tasks] == [("random", 4), ("random", 4), ("minimax", 4),
                                                          ("minimax", 4)]  # fmt: skip
    assert len({t.seed for t in tasks}) == 4
    here = evaluation.evaluate_agent(game, model, config, seed=3)
    pool = selfplay.ProcessPoolSelfPlay(2)
    try:
        there = evaluation.evaluate_agent(game, model, config, seed=3, workers=pool)
    finally:
        pool.close()
    assert here == there and set(here) == {"score_vs_random", "losses_vs_random", "score_vs_minimax",
                                           "losses_vs_minimax"}  # fmt: skip
    assert here["losses_vs_random"] + here["losses_vs_minimax"] <= 16


def test_tasks_split_games_among_workers_with_distinct_seeds():
    model = PolicyValueNet(TicTacToe(), 8, 1)
    tasks = alphazero.self_play_tasks(tiny(num_workers=3), model, iteration=7, num_games=10)
    assert [t.num_games for t in tasks] == [4, 3, 3] and len({t.seed for t in tasks}) == 3


@pytest.mark.medium
def test_ray_actors_run_the_same_self_play(tmp_path, monkeypatch):
    ray = require_ray()  # the `scale` extra; installed in the dev venv and CI
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        by_ray = train(tiny(num_iterations=1, evaluate_every=5, num_workers=1, backend="ray"),
                       root=tmp_path / "ray")  # fmt: skip
    finally:
        ray.shutdown()
    local = train(tiny(num_iterations=1, evaluate_every=5), root=tmp_path / "local")
    a, b = weights(local.run_dir), weights(by_ray.run_dir)
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=0, atol=0)


@pytest.mark.slow
def test_tic_tac_toe_reaches_zero_losses_against_minimax(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    result = train(Config(eval_games=40), root=tmp_path)
    assert result.metrics["losses_vs_minimax"] == 0

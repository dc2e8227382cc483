"""How strong is the AlphaZero agent? Judged by exhaustive minimax, alpha-beta, pure MCTS and a
perfect Connect Four solver (bitbully), all measured in the same run.

    python benchmarks/alphazero_strength.py ttt [--run DIR | --train]     losses against minimax
    python benchmarks/alphazero_strength.py matches --agent DIR_OR_PT [--games 100] [--peer-games 40]
    python benchmarks/alphazero_strength.py accuracy --agent DIR_OR_PT [--positions 1000] [--simulations 0]
    python benchmarks/alphazero_strength.py elo --agent RUN_DIR [--games 400] [--workers 2] --out FILE
    python benchmarks/alphazero_strength.py curves --agent RUN_DIR           Elo/accuracy plots
    python benchmarks/alphazero_strength.py accuracy-curve --agent RUN_DIR [--simulations 60] [--workers 2]
    python benchmarks/alphazero_strength.py retrain --agent RUN_DIR [--steps 800] [--lr 2e-4]
    python benchmarks/alphazero_strength.py own-positions --agent DIR_OR_PT [--positions 400]
    python benchmarks/alphazero_strength.py ceiling [--train-positions 20000] [--channels 48 --blocks 4]
    python benchmarks/alphazero_strength.py window --agent RUN_DIR          what the network trains on
    python benchmarks/alphazero_strength.py ship --agent RUN_DIR --iterations N [--ship-to DIR]

`matches` plays the agent against random and alpha-beta depths 1-4, and pure MCTS (random
rollouts, same simulation budget) against the same opponents: the peer measured in the same run.
`accuracy` is the share of 1,000 fixed solver-labelled positions (oracle.labelled_positions, seed
2024) where the move is optimal (keeps the position's result; `fastest_share`: has the best exact
score, the quickest win), for the raw policy, the agent with search, and pure MCTS; split into
the positions where the player to move can win at once (a third of them: random games leave wins
open) and the others, and these into the ones where the opponent threatens to win at once (the
mover must block) and the quiet rest. `--simulations 0` scores the raw policy alone (and random
play), in seconds; `--positions-seed` draws another set the same way (a held-out check that a
snapshot chosen on the fixed set was not chosen for its luck there).
`accuracy-curve` scores every snapshot of a run (or those of --iterations) that way (raw policy and
with search) and plots the shares over training iterations.
`retrain` and `own-positions` ask why the raw policy is not better yet. `retrain` loads a run's
newest checkpoint (network, optimiser, replay window) and trains on for --steps gradient steps of
--batch-size on that window, with the learning rate set to --lr, printing the raw accuracy every
--every steps: if it rises, the network was under-trained on the games it had; if not, better games
(more self-play) are what it needs. `own-positions` measures the raw accuracy on positions drawn
the way self-play reaches them (the policy sampled for the first 8 moves, then its favourite move)
and from games sampled from the policy throughout, --positions of each, labelled by the solver: is
the fixed set (from random games) harder or easier for it than its own kind of position?
`ceiling` asks how far the network's architecture can go at all: it trains a fresh PolicyValueNet
(--channels, --blocks) by supervised learning on --train-positions other positions drawn like the
fixed set (random games of 4-24 plies, none of them in the fixed set) with the solver's optimal
moves as the policy target (uniform over the optimal moves), and prints the raw accuracy on the
fixed 1,000 every --every steps, beside the accuracy on 1,000 of its own training positions. No
self-play target can teach more than perfect labels, so this bounds what AlphaZero can reach with
that network (the check Oracle's "Lessons from AlphaZero" series made first). Labelling takes about
20 seconds per 1,000 positions and core; --cache FILE keeps the labels for the next call.
`window` reads a run's newest replay window (--agent RUN_DIR) and prints what the network trains
on: how many stones its positions hold, and the share where the player to move can win on the spot
(set beside the fixed set's third), with how much of the search's target those wins get.
`elo` fits Bradley-Terry ratings to random, pure MCTS (--mcts budgets), alpha-beta (--depths) and
--snapshots snapshots of a run (with --simulations): a short round robin (--pre-games per pair)
orders the players, then each meets its --neighbours nearest players above and below in that order
for --games games (colours alternating, each pair of games opened by the same --openings random
moves); only those games enter the table. Every finished pairing is written to --out at once, and
a rerun with the same --out skips the pairings already there (an interrupted table resumes).
`ship` (for maintainers) copies a run's snapshot of iteration N into the package
(ldl/rl/search/checkpoints/, or --ship-to) as the network `ldl play` and the lab use, with its
evaluation history up to N (CPU-minutes, games, in-run scores and solver accuracy), which the lab
plots.
Everything prints JSON lines; `--out FILE` also writes them to a file. Agents play with 1 thread.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("LDL_TENSORBOARD", "0")


def emit(record: dict, out: str | None) -> None:
    record = {**record, "load_average": [round(x, 1) for x in os.getloadavg()]}
    print(json.dumps(record), flush=True)
    if out:
        with open(out, "a", encoding="utf-8") as file:
            file.write(json.dumps(record) + "\n")


def agent(path: str, simulations: int, seed: int = 0):
    from ldl.rl.search.player import AlphaZeroPlayer

    return AlphaZeroPlayer.from_checkpoint(
        path, num_simulations=simulations, seed=seed, name=f"alphazero-{simulations}"
    )


def ttt(args) -> None:
    """Tic-tac-toe: train (or load) and count losses against perfect play."""
    import resource

    from ldl.rl.games import TicTacToe
    from ldl.rl.search.alphazero import Config, train
    from ldl.rl.search.arena import RandomPlayer, play_match
    from ldl.rl.search.minimax import MinimaxPlayer

    run_dir, seconds = args.run, None
    if args.train:
        started = time.perf_counter()
        result = train(Config(), root=args.root or tempfile.mkdtemp(prefix="alphazero-ttt-"))
        run_dir, seconds = str(result.run_dir), time.perf_counter() - started
    cpu = (
        resource.getrusage(resource.RUSAGE_SELF).ru_utime
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    )
    player, game = agent(run_dir, args.simulations), TicTacToe()
    vs_minimax = play_match(game, player, MinimaxPlayer(1), args.games, seed=1)
    vs_random = play_match(game, player, RandomPlayer(2), args.games, seed=2)
    emit(
        {
            "benchmark": "ttt",
            "run": run_dir,
            "train_wall_seconds": seconds,
            "train_cpu_seconds": cpu,
            "games": args.games,
            "vs_minimax": vars(vs_minimax),
            "vs_random": vars(vs_random),
        },
        args.out,
    )


def matches(args) -> None:
    """Connect Four: the agent and pure MCTS (same budget) against random and alpha-beta 1-4."""
    from ldl.rl.games import ConnectFour
    from ldl.rl.search.arena import RandomPlayer, play_match
    from ldl.rl.search.mcts import MCTSPlayer
    from ldl.rl.search.minimax import AlphaBetaPlayer

    game = ConnectFour()
    players = {"alphazero": agent(args.agent, args.simulations), "mcts": MCTSPlayer(args.simulations, seed=3)}
    opponents = {
        "random": lambda: RandomPlayer(4),
        **{f"alphabeta-{d}": (lambda d=d: AlphaBetaPlayer(d, 5)) for d in args.depths},
    }
    for (name, player), (opponent, make) in itertools.product(players.items(), opponents.items()):
        started = time.perf_counter()
        games = args.games if name == "alphazero" or args.peer_games is None else args.peer_games
        if games == 0:
            continue  # --peer-games 0: no peer this time, and no empty line that reads as a score of 0
        result = play_match(game, player, make(), games, seed=6, random_openings=args.openings)
        emit(
            {
                "benchmark": "matches",
                "player": name,
                "simulations": args.simulations,
                "opponent": opponent,
                "openings": args.openings,
                **vars(result),
                "score": result.score,
                "seconds": time.perf_counter() - started,
            },
            args.out,
        )


def accuracy(args) -> None:
    """Share of solver-labelled positions where each player's move is optimal."""
    from ldl.rl.search.arena import RandomPlayer
    from ldl.rl.search.mcts import MCTSPlayer
    from ldl.rl.search.oracle import labelled_positions

    positions = labelled_positions(args.positions, seed=args.positions_seed)
    players = {"policy (no search)": agent(args.agent, 0)}
    if args.simulations > 0:  # --simulations 0: the raw policy (and the floor) only, in seconds
        players[f"alphazero-{args.simulations}"] = agent(args.agent, args.simulations)
        players[f"mcts-{args.simulations} (rollouts)"] = MCTSPlayer(args.simulations, seed=7)
    players["random (the floor)"] = RandomPlayer(seed=7)
    from ldl.rl.games import ConnectFour

    game = ConnectFour()
    win_now = np.array([bool(immediate_wins(game, s)) for s in positions.states])
    must_block = np.array([bool(threats(game, s)) for s in positions.states]) & ~win_now
    quiet = ~win_now & ~must_block
    for name, player in players.items():
        started = time.perf_counter()
        moves = [player(game, s) for s in positions.states]
        right = positions.optimal[np.arange(len(moves)), moves]
        emit(
            {
                "benchmark": "accuracy",
                "player": name,
                "positions": len(moves),
                "positions_seed": args.positions_seed,
                "optimal_share": float(np.mean(right)),
                "fastest_share": float(np.mean(positions.fastest[np.arange(len(moves)), moves])),
                "win_now_positions": int(win_now.sum()),
                "optimal_share_win_now": float(np.mean(right[win_now])) if win_now.any() else None,
                "optimal_share_other": float(np.mean(right[~win_now])) if (~win_now).any() else None,
                "must_block_positions": int(must_block.sum()),
                "optimal_share_must_block": float(np.mean(right[must_block])) if must_block.any() else None,
                "optimal_share_quiet": float(np.mean(right[quiet])) if quiet.any() else None,
                "seconds": time.perf_counter() - started,
            },
            args.out,
        )


def immediate_wins(game, state) -> list[int]:
    """The moves that win on the spot for the player to move."""
    return [int(a) for a in np.flatnonzero(game.legal_actions(state))
            if game.winner(game.next_state(state, int(a))) is not None]  # fmt: skip


def threats(game, state) -> list[int]:
    """The moves that would win on the spot for the opponent, were it their turn: what the player to
    move must block."""
    from ldl.rl.games.base import GameState

    turned = GameState(state.board, -state.player, state.moves_played, None, state.heights)
    return immediate_wins(game, turned)


def snapshots(run_dir: str, count: int | None, iterations: list[int] | None = None) -> list[Path]:
    """The run's snapshots of these `iterations` (each must exist), else `count` of them spread
    over training (None: all)."""
    if iterations:
        chosen = [Path(run_dir) / "snapshots" / f"iteration-{i:04d}.pt" for i in iterations]
        missing = [str(path) for path in chosen if not path.exists()]
        if missing:
            raise SystemExit(f"no such snapshot: {', '.join(missing)}")
        return chosen
    found = sorted((Path(run_dir) / "snapshots").glob("iteration-*.pt"))
    if count is None or len(found) <= count:
        return found
    picks = np.linspace(0, len(found) - 1, count).round().astype(int)  # spread over training
    return [found[i] for i in picks]


def make_player(spec: str, seed: int, simulations: int):
    """A player from its name in the Elo table: random, mcts-N, alphabeta-D, or a snapshot file."""
    from ldl.rl.search.arena import RandomPlayer
    from ldl.rl.search.mcts import MCTSPlayer
    from ldl.rl.search.minimax import AlphaBetaPlayer

    if spec == "random":
        return RandomPlayer(seed)
    if spec.startswith("mcts-"):
        return MCTSPlayer(int(spec.split("-")[1]), seed=seed)
    if spec.startswith("alphabeta-"):
        return AlphaBetaPlayer(int(spec.split("-")[1]), seed)
    return agent(spec, simulations, seed)


def _play_pairing(task: dict) -> dict:
    """One match of the Elo table (in a worker process)."""
    import torch

    from ldl.rl.games import ConnectFour
    from ldl.rl.search.arena import play_match

    torch.set_num_threads(1)
    started = time.process_time()
    a = make_player(task["spec_a"], task["seed"], task["simulations"])
    b = make_player(task["spec_b"], task["seed"] + 1, task["simulations"])
    games, openings = task["games"], task["openings"]
    result = play_match(ConnectFour(), a, b, games, seed=task["seed"], random_openings=openings)
    return {**task, **vars(result), "score": result.score, "cpu_seconds": time.process_time() - started}


def _pair_key(record: dict) -> tuple[str, str, str]:
    """A match's key in the results: its phase and the two names, in either order."""
    return (record["phase"], *sorted((record["a"], record["b"])))


def _from_a_side(record: dict, task: dict) -> dict:
    """`record` seen from `task`'s first player (a match played with the names the other way round)."""
    if record["a"] == task["a"]:
        return record
    return {**record, "a": record["b"], "b": record["a"], "wins": record["losses"], "losses": record["wins"],
            "score": 1 - record["score"]}  # fmt: skip


def _play_round(tasks: list[dict], workers: int, out: str | None, done: dict) -> list[dict]:
    """Play the pairings not yet in `done` (keyed by `_pair_key`), in `workers` processes; each
    finished one is written to --out at once, so an interrupted table resumes where it stopped."""
    from concurrent.futures import ProcessPoolExecutor

    todo = [t for t in tasks if _pair_key(t) not in done]
    print(f"{len(tasks) - len(todo)} of {len(tasks)} {tasks[0]['phase']} pairings already played", flush=True)
    with ProcessPoolExecutor(max(1, workers)) as pool:
        for record in pool.map(_play_pairing, todo):
            done[_pair_key(record)] = record
            emit({"benchmark": "elo-pair", **record}, out)
    return [_from_a_side(done[_pair_key(t)], t) for t in tasks]


def elo(args) -> None:
    """Bradley-Terry ratings of random, pure MCTS, alpha-beta and AlphaZero snapshots, in two rounds:
    a short round robin (--pre-games per pair) to order the players, then --games per pair between
    each player and its --neighbours nearest in that order (ladder_pairings). Only the second
    round's games enter the table, so every pairing in it has --games games."""
    from ldl.rl.search.elo import ladder_pairings

    specs = {"random": "random", **{f"mcts-{n}": f"mcts-{n}" for n in args.mcts}}
    specs.update({f"alphabeta-{d}": f"alphabeta-{d}" for d in args.depths})
    chosen = snapshots(args.agent, args.snapshots, args.iterations)
    specs.update({f"az-{path.stem}": str(path) for path in chosen})
    done = {}
    if args.out and Path(args.out).exists():  # resume: pairings already in the file are not replayed
        for line in Path(args.out).read_text().splitlines():
            row = json.loads(line)
            if row.get("benchmark") == "elo-pair" and "phase" in row:
                done[_pair_key(row)] = row

    def task(phase, a, b, games):
        seed = zlib.crc32(f"{phase}:{a}:{b}".encode())  # by name: a pairing replays the same games
        return {"phase": phase, "a": a, "b": b, "spec_a": specs[a], "spec_b": specs[b], "games": games,
                "seed": seed, "openings": args.openings, "simulations": args.simulations}  # fmt: skip

    names = list(specs)
    pre = [task("order", a, b, args.pre_games) for a, b in itertools.combinations(names, 2)]
    rough = _fit(_play_round(pre, args.workers, args.out, done), names)
    order = ["random"] + [r["player"] for r in reversed(rough.rows()) if r["player"] != "random"]
    emit({"benchmark": "elo-order", "order": order}, args.out)
    ladder = ladder_pairings(len(order), args.neighbours)
    main_round = [task("table", order[i], order[j], args.games) for i, j in ladder]
    records = _play_round(main_round, args.workers, args.out, done)
    table = _fit(records, order)
    print(table)
    emit({"benchmark": "elo", "games_per_pair": args.games, "neighbours": args.neighbours,
          "openings": args.openings, "simulations": args.simulations,
          "pairings": [[r["a"], r["b"], r["wins"], r["draws"], r["losses"]] for r in records],
          "table": table.rows()}, args.out)  # fmt: skip


def _fit(records: list[dict], names: list[str]):
    from ldl.rl.search.elo import bradley_terry

    index = {name: k for k, name in enumerate(names)}
    games = []
    for r in records:
        i, j = index[r["a"]], index[r["b"]]
        games += [(i, j, 1.0)] * r["wins"] + [(i, j, 0.5)] * r["draws"] + [(i, j, 0.0)] * r["losses"]
    return bradley_terry(games, names)


def curves(args) -> None:
    """Plots of the training run's solver accuracy and evaluation scores over iterations, and the Elo
    of its snapshots (from an `elo --out` file, if given)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [json.loads(line) for line in (Path(args.agent) / "metrics.jsonl").read_text().splitlines()]
    figure, axes = plt.subplots(1, 2, figsize=(10, 4))
    keys = dict.fromkeys(k for row in rows for k in row if k.startswith(("score_vs_", "solver_accuracy")))
    for key in keys:  # from every row: the last one may be a training step with no evaluation
        points = [(r["step"], r[key]) for r in rows if key in r]
        axes[0].plot(*zip(*points, strict=True), marker="o", label=key)
    axes[0].set(xlabel="iteration", ylabel="score / share optimal", title="Evaluation during training")
    axes[0].legend()
    if args.elo_file:
        table = [json.loads(line) for line in Path(args.elo_file).read_text().splitlines()]
        rows_elo = [r for r in table if r.get("benchmark") == "elo"][-1]["table"]
        snaps = sorted(
            (int(r["player"].split("-")[-1]), r) for r in rows_elo if r["player"].startswith("az-")
        )
        axes[1].errorbar(
            [s for s, _ in snaps],
            [r["elo"] for _, r in snaps],
            fmt="o-",
            yerr=[[r["elo"] - r["low"] for _, r in snaps], [r["high"] - r["elo"] for _, r in snaps]],
        )
        for r in rows_elo:
            if not r["player"].startswith("az-"):
                axes[1].axhline(r["elo"], linestyle=":", color="grey")
                where = ("axes fraction", "data")
                axes[1].annotate(r["player"], (0.01, r["elo"]), xycoords=where, fontsize=7)
        axes[1].set(xlabel="iteration", ylabel="Elo (random = 0)", title="Elo of the snapshots")
    path = Path(args.plot)
    figure.savefig(path, dpi=110, bbox_inches="tight")
    emit({"benchmark": "curves", "plot": str(path)}, args.out)


_POSITIONS = None  # each worker's copy of the labelled positions


def _init_worker(positions) -> None:
    import torch

    global _POSITIONS
    torch.set_num_threads(1)
    _POSITIONS = positions


def _snapshot_accuracy(task: tuple[str, int]) -> dict:
    """Share of the labelled positions where the snapshot's move is optimal / fastest."""
    from ldl.rl.games import ConnectFour

    path, simulations = task
    player, game = agent(path, simulations), ConnectFour()
    moves = [player(game, s) for s in _POSITIONS.states]
    index = np.arange(len(moves))
    return {
        "optimal_share": float(np.mean(_POSITIONS.optimal[index, moves])),
        "fastest_share": float(np.mean(_POSITIONS.fastest[index, moves])),
    }


def accuracy_curve(args) -> None:
    """Solver accuracy of every snapshot of a run, raw policy and with search, in --workers processes."""
    from concurrent.futures import ProcessPoolExecutor

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ldl.rl.search.oracle import labelled_positions

    found = snapshots(args.agent, None, args.iterations)
    positions = labelled_positions(args.positions)
    tasks = [(str(path), sims) for path in found for sims in (0, args.simulations)]
    with ProcessPoolExecutor(args.workers, initializer=_init_worker, initargs=(positions,)) as pool:
        results = list(pool.map(_snapshot_accuracy, tasks))
    curves: dict[str, list[tuple[int, float]]] = {}
    for (path, sims), result in zip(tasks, results, strict=True):
        iteration = int(Path(path).stem.split("-")[-1])
        emit({"benchmark": "accuracy-curve", "iteration": iteration, "simulations": sims,
              "positions": args.positions, **result}, args.out)  # fmt: skip
        label = "raw policy" if sims == 0 else f"{sims} simulations"
        curves.setdefault(label, []).append((iteration, result["optimal_share"]))
    figure, axis = plt.subplots(figsize=(6, 4))
    for label, points in curves.items():
        axis.plot(*zip(*points, strict=True), marker="o", label=label)
    axis.axhline(0.85, linestyle=":", color="grey", label="target (85%)")
    axis.set(xlabel="training iteration", ylabel="share of moves that keep the result",
             title=f"Solver accuracy on {args.positions} positions")  # fmt: skip
    axis.legend()
    figure.savefig(args.plot, dpi=110, bbox_inches="tight")
    emit({"benchmark": "accuracy-curve", "plot": str(args.plot)}, args.out)


def raw_accuracy(model, game, positions) -> float:
    """Share of the positions where the network's favourite legal move (no search) is optimal."""
    import torch

    model.eval()
    with torch.no_grad():
        logits, _ = model(torch.from_numpy(np.stack([game.encode(s) for s in positions.states])))
    legal = np.stack([game.legal_actions(s) for s in positions.states]).astype(bool)
    moves = np.where(legal, logits.numpy(), -np.inf).argmax(axis=1)
    return float(np.mean(positions.optimal[np.arange(len(moves)), moves]))


def retrain(args) -> None:
    """Train a run's network on for a while on its own final replay window, at a new learning rate."""
    import torch

    from ldl.rl.games import make_game
    from ldl.rl.search.alphazero import ExampleWindow, train_step
    from ldl.rl.search.network import PolicyValueNet
    from ldl.rl.search.oracle import labelled_positions
    saved = newest_checkpoint(args.agent)
    config, state = saved.config, saved.state
    game = make_game(config["game"])
    model = PolicyValueNet(game, config["channels"], config["num_blocks"])
    model.load_state_dict(state["model"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    optimizer.load_state_dict(state["optimizer"])
    for group in optimizer.param_groups:
        group["lr"] = args.lr
    window = ExampleWindow(len(state["window"]["values"]), game.encode(game.initial_state()).shape,
                           game.num_actions)  # fmt: skip
    window.load_state_dict(state["window"])
    positions, rng = labelled_positions(args.positions), np.random.default_rng(args.seed)
    started, losses = time.perf_counter(), []
    for step in range(args.steps + 1):
        if step % args.every == 0:
            loss = float(np.mean(losses)) if losses else None  # training loss since the last line
            seconds = round(time.perf_counter() - started, 1)
            emit({"benchmark": "retrain", "checkpoint_step": saved.step, "lr": args.lr, "step": step,
                  "raw_optimal_share": raw_accuracy(model, game, positions), "loss": loss,
                  "window": window.size, "seconds": seconds}, args.out)  # fmt: skip
            losses = []
        if step < args.steps:
            model.train()
            out = train_step(model, optimizer, window.sample(args.batch_size, rng))
            losses.append(out["value_loss"] + out["policy_loss"])


def newest_checkpoint(run_dir: str):
    from ldl.tracking.checkpoint import CheckpointManager

    saved = CheckpointManager(Path(run_dir) / "checkpoints").latest()
    if saved is None:
        raise SystemExit(f"No checkpoint in {run_dir}/checkpoints: give --agent a training run's folder.")
    return saved


def board_of(planes: np.ndarray):
    """The position behind a network input (planes[0]: the mover's stones, planes[1]: the other's),
    seen from the player to move (+1)."""
    from ldl.rl.games.base import GameState

    board = (planes[0] - planes[1]).astype(np.int8)  # (rows, cols)
    heights = tuple(int(n) for n in (board != 0).sum(axis=0))
    return GameState(board, 1, int((board != 0).sum()), None, heights)


def window(args) -> None:
    """What a run's network trains on: stones per position and wins left on the spot."""
    from ldl.rl.games import ConnectFour

    saved, game = newest_checkpoint(args.agent), ConnectFour()
    planes, policies = saved.state["window"]["planes"], saved.state["window"]["policies"]
    picked = np.random.default_rng(args.seed).permutation(len(planes))[: args.positions]
    states = [board_of(planes[i]) for i in picked]
    wins = [immediate_wins(game, state) for state in states]
    on_wins = [float(policies[i][w].sum()) for i, w in zip(picked, wins, strict=True) if w]
    stones = np.array([state.moves_played for state in states])
    emit({"benchmark": "window", "checkpoint_step": saved.step, "window": len(planes), "sampled": len(picked),
          "win_now_share": float(np.mean([bool(w) for w in wins])),
          "target_on_win_now_median": float(np.median(on_wins)) if on_wins else None,
          "mean_stones": float(stones.mean()),
          "stones_quartiles": np.percentile(stones, [25, 50, 75]).tolist()}, args.out)  # fmt: skip


def ship(args) -> None:
    """Put a run's snapshot and its evaluation history into the package."""
    import shutil

    from ldl.rl.search.player import SHIPPED, load_snapshot

    if not args.iterations or len(args.iterations) != 1:
        raise SystemExit("ship: name one snapshot with --iterations N")
    iteration = args.iterations[0]
    (snapshot,) = snapshots(args.agent, None, [iteration])
    game, _ = load_snapshot(snapshot)  # refuses a file that is not a snapshot
    rows = [json.loads(line) for line in (Path(args.agent) / "metrics.jsonl").read_text().splitlines()]
    evaluated = {row["step"]: row for row in rows if "score_vs_random" in row and row["step"] <= iteration}
    if iteration not in evaluated:
        raise SystemExit(f"ship: iteration {iteration} has no evaluation in {args.agent}/metrics.jsonl")
    keys = ("score_vs_random", "score_vs_alphabeta_2", "solver_accuracy")
    history = [{"iteration": step, "cpu_minutes": round(row["cpu_seconds"] / 60, 2), "games": row["games"],
                **{key: row[key] for key in keys if key in row}}
               for step, row in sorted(evaluated.items())]  # fmt: skip
    target = Path(args.ship_to) if args.ship_to else SHIPPED
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(snapshot, target / f"{game.name}.pt")
    (target / f"{game.name}.history.json").write_text(json.dumps(history, indent=1) + "\n", encoding="utf-8")
    emit({"benchmark": "ship", "snapshot": str(snapshot), "to": str(target), "evaluations": len(history),
          **history[-1]}, args.out)  # fmt: skip


def own_positions(args) -> None:
    """Raw accuracy on positions from the network's own kind of play, beside the fixed set's."""
    from ldl.rl.games import ConnectFour
    from ldl.rl.search.oracle import LabelledPositions, PerfectConnectFour, _labels

    player, game, oracle = agent(args.agent, 0), ConnectFour(), PerfectConnectFour()
    rng = np.random.default_rng(args.seed)

    def draw(sampled_moves: int):
        state = game.initial_state()
        for ply in range(int(rng.integers(4, 25))):  # the fixed set's lengths: 4-24 plies
            policy, _ = player.policy(state)
            move = int(rng.choice(len(policy), p=policy)) if ply < sampled_moves else int(np.argmax(policy))
            state = game.next_state(state, move)
            if game.winner(state) is not None:
                return None
        return state

    for name, sampled_moves in (("self-play", 8), ("sampled throughout", 10**9)):
        states, optimal, seen = [], [], set()
        while len(states) < args.positions:
            state = draw(sampled_moves)
            if state is None or state.key() in seen:
                continue
            keeps, _ = _labels(oracle.scores(state))
            if keeps.sum() < game.legal_actions(state).sum():  # a real decision, as in the fixed set
                seen.add(state.key())
                states.append(state)
                optimal.append(keeps)
        positions = LabelledPositions(states, np.array(optimal), np.array(optimal))
        emit({"benchmark": "own-positions", "positions_from": name, "positions": len(states),
              "raw_optimal_share": raw_accuracy(player.model, game, positions)}, args.out)  # fmt: skip


def _label_share(task: tuple[int, int]) -> list[dict]:
    """One worker's share of the training positions (its own seed), as JSON-ready rows."""
    from ldl.rl.search.oracle import labelled_positions, position_rows

    count, seed = task
    return position_rows(labelled_positions(count, seed=seed))


def training_positions(count: int, seed: int, workers: int, exclude: set, cache: str | None):
    """`count` solver-labelled positions drawn like the fixed set but from other seeds (one per
    worker), none of them in `exclude` (the fixed set's keys); read from `cache` when it holds
    enough of them, and written there."""
    from concurrent.futures import ProcessPoolExecutor

    from ldl.rl.games import ConnectFour
    from ldl.rl.search.oracle import positions_from_rows

    if cache and Path(cache).exists():
        rows = json.loads(Path(cache).read_text(encoding="utf-8"))["positions"]
        if len(rows) >= count:
            return positions_from_rows(rows[:count])
    share = -(-count // workers) + count // 50 + 1  # spare positions for the duplicates dropped below
    with ProcessPoolExecutor(workers) as pool:
        drawn = [row for rows in pool.map(_label_share, [(share, seed * 1000 + w) for w in range(workers)])
                 for row in rows]  # fmt: skip
    game, seen, rows = ConnectFour(), set(exclude), []
    for row in drawn:
        key = game.from_moves(row["moves"]).key()
        if key not in seen:
            seen.add(key)
            rows.append(row)
    if len(rows) < count:
        raise SystemExit(f"Only {len(rows)} distinct positions for --train-positions {count}: ask for fewer.")
    if cache:
        Path(cache).write_text(json.dumps({"seed": seed, "positions": rows}, separators=(",", ":")) + "\n")
    return positions_from_rows(rows[:count])


def ceiling(args) -> None:
    """Supervised learning on solver labels: the most the architecture can reach on the fixed set."""
    import torch

    from ldl.rl.games import ConnectFour
    from ldl.rl.search.network import PolicyValueNet
    from ldl.rl.search.oracle import labelled_positions

    game, test = ConnectFour(), labelled_positions(args.positions)
    started = time.perf_counter()
    train = training_positions(args.train_positions, args.seed, args.workers,
                               {s.key() for s in test.states}, args.cache)  # fmt: skip
    emit({"benchmark": "ceiling", "labelled": len(train.states),
          "label_seconds": round(time.perf_counter() - started, 1)}, args.out)  # fmt: skip
    planes = np.stack([game.encode(s) for s in train.states])
    targets = train.optimal / train.optimal.sum(axis=1, keepdims=True)
    pairs = [pair for p, t in zip(planes, targets, strict=True) for pair in game.symmetries(p, t)]
    planes = torch.from_numpy(np.stack([p for p, _ in pairs]))
    targets = torch.from_numpy(np.stack([t for _, t in pairs]).astype(np.float32))
    torch.manual_seed(args.seed)
    model = PolicyValueNet(game, args.channels, args.blocks)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=max(1, args.steps))
    rng, started = np.random.default_rng(args.seed), time.perf_counter()
    seen_train = train.head(min(1000, len(train.states)))
    for step in range(args.steps + 1):
        if step % args.every == 0 or step == args.steps:
            emit({"benchmark": "ceiling", "channels": args.channels, "blocks": args.blocks, "step": step,
                  "train_positions": len(train.states), "raw_optimal_share": raw_accuracy(model, game, test),
                  "train_share": raw_accuracy(model, game, seen_train),
                  "seconds": round(time.perf_counter() - started, 1)}, args.out)  # fmt: skip
        if step == args.steps:
            break
        model.train()
        index = torch.from_numpy(rng.integers(0, len(planes), args.batch_size))
        logits, _ = model(planes[index])
        loss = -torch.mean(torch.sum(targets[index] * torch.log_softmax(logits, dim=1), dim=1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "what",
        choices=[
            "ttt",
            "matches",
            "accuracy",
            "accuracy-curve",
            "elo",
            "curves",
            "retrain",
            "own-positions",
            "ceiling",
            "window",
            "ship",
        ],
    )
    parser.add_argument(
        "--agent", default="connect-four", help="snapshot, run folder, or a shipped game name"
    )
    parser.add_argument("--run", default="tic-tac-toe", help="ttt: the run folder or snapshot to judge")
    parser.add_argument("--train", action="store_true", help="ttt: train a fresh agent first (timed)")
    parser.add_argument("--root", default=None, help="where --train writes its run")
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--peer-games", type=int, help="matches: pure MCTS's games (default: --games)")
    parser.add_argument("--simulations", type=int, default=100)
    parser.add_argument("--positions", type=int,
                        help="labelled positions (1,000; own-positions: 400); window: examples read (4,000)")
    parser.add_argument("--positions-seed", type=int, default=2024,
                        help="accuracy: another seed draws another set (2024: the fixed set)")  # fmt: skip
    parser.add_argument("--depths", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--mcts", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--snapshots", type=int, default=6, help="elo: snapshots spread over the run")
    parser.add_argument(
        "--iterations", type=int, nargs="+", help="elo, accuracy-curve, ship: these snapshots (iterations)"
    )
    parser.add_argument("--pre-games", type=int, default=20, help="elo: games per pair of the ordering round")
    parser.add_argument("--neighbours", type=int, default=2, help="elo: opponents above, below each")
    parser.add_argument("--openings", type=int, default=2, help="elo, matches: random first moves")
    parser.add_argument("--elo-file", default=None)
    parser.add_argument("--plot", default="alphazero_curves.png")
    parser.add_argument("--workers", type=int, default=1, help="accuracy-curve, elo, ceiling: processes")
    parser.add_argument("--steps", type=int, help="retrain, ceiling: gradient steps (800; 6,000)")
    parser.add_argument("--lr", type=float, help="retrain: the learning rate to train on at (2e-4); ceiling: "
                        "the peak of a one-cycle schedule (2e-3)")  # fmt: skip
    parser.add_argument("--batch-size", type=int, default=256, help="retrain, ceiling: examples per step")
    parser.add_argument("--every", type=int, help="retrain, ceiling: steps between measurements (100; 500)")
    parser.add_argument("--seed", type=int, default=1, help="retrain, own-positions, ceiling: sampling seed")
    parser.add_argument("--train-positions", type=int, default=20_000, help="ceiling: labelled training set")
    parser.add_argument("--channels", type=int, default=48, help="ceiling: width of the residual tower")
    parser.add_argument("--blocks", type=int, default=4, help="ceiling: residual blocks")
    parser.add_argument("--cache", default=None, help="ceiling: JSON file keeping the training labels")
    parser.add_argument("--ship-to", default=None, help="ship: folder (default: the package's checkpoints)")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    if args.positions is None:  # the fixed set's 1,000; 400 of each kind of the network's own positions
        args.positions = {"own-positions": 400, "window": 4000}.get(args.what, 1000)
    for name, (for_retrain, for_ceiling) in {
        "steps": (800, 6000),
        "lr": (2e-4, 2e-3),
        "every": (100, 500),
    }.items():
        if getattr(args, name) is None:
            setattr(args, name, for_ceiling if args.what == "ceiling" else for_retrain)
    import torch

    torch.set_num_threads(1)
    commands = {"ttt": ttt, "matches": matches, "accuracy": accuracy, "accuracy-curve": accuracy_curve,
                "elo": elo, "curves": curves, "retrain": retrain, "own-positions": own_positions,
                "ceiling": ceiling, "window": window, "ship": ship}  # fmt: skip
    commands[args.what](args)


if __name__ == "__main__":
    main()

"""Self-play: the network plays itself with MCTS, and every move becomes a training example.

For each position s_t of a game the example is (encode(s_t), pi_t, z_t): the search's visit shares
pi_t (what the network should have predicted) and the final result z_t in {+1, 0, -1} seen by the
player to move at s_t (what the value head should have predicted); optionally mixed with the
search's own value of s_t, q_t (`q_weight`), a target that is less noisy than one game's result.

Random openings (`opening_plies`): a game may start after a few uniformly random moves. Good play
never reaches untidy positions (a win left open, threats on both sides), so a network trained only
on its own games has not met them; the moves themselves are not examples, the play after them is.

Playout cap randomisation (Wu, "Accelerating Self-Play Learning in Go", 2019, the KataGo paper):
with `fast_simulations` > 0 only a random share of the moves gets the full search (with root noise)
and becomes an example; the other moves are played after a quick search and not recorded. The games
are played faster, so the value head sees more of them per hour, and every policy target still
comes from a full search.

A worker plays `parallel_games` games at once, in lockstep: each simulation round picks one leaf in
every game's tree and the network evaluates them all in one batch (`mcts.batched_search`), which is
many times faster than one position per call. Workers are plain functions of a picklable
`SelfPlayTask`, so the same code runs in the main process, in a process pool (all local cores) or
in Ray actors (many machines, `distributed.py`). Each task carries its own seed: the games do not
depend on which process plays them, so a run resumes exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ldl.rl.games import make_game
from ldl.rl.games.base import Game
from ldl.rl.search.mcts import MCTS, MCTSConfig, batched_search, select_action


@dataclass
class SelfPlayTask:
    """Everything one worker needs to play some games (picklable)."""

    game: str
    weights: dict[str, np.ndarray]
    channels: int
    num_blocks: int
    mcts: MCTSConfig
    num_games: int
    parallel_games: int
    temperature_moves: int
    seed: int
    fast_simulations: int = 0
    """> 0: playout cap randomisation (see `Config.fast_simulations`): most moves get a quick search of
    this many simulations, without root noise, and are not recorded."""
    full_search_fraction: float = 1.0
    """Share of moves searched fully (and recorded) when `fast_simulations` > 0."""
    q_weight: float = 0.0
    """Value target (1 - q_weight) * z + q_weight * q, q the search's value of the root."""
    opening_plies: int = 0
    """> 0: each game starts after a random number (0 to this, uniform) of uniformly random moves,
    which are not recorded (see `Config.opening_plies`)."""
    opening_full_searches: int = 0
    """The first this many moves after a non-empty random opening are full searches (recorded)."""


@dataclass
class SelfPlayOutput:
    """The examples of a batch of games, and how those games went."""

    planes: np.ndarray
    """(N, planes, rows, cols) float32 network inputs."""
    policies: np.ndarray
    """(N, num_actions) float32 visit shares."""
    values: np.ndarray
    """(N,) float32 value targets for the player to move: the result z, mixed with the search's q."""
    winners: list[int]
    lengths: list[int]
    """Moves of each game (all of them recorded, unless quick searches were mixed in)."""
    cpu_seconds: float = 0.0
    """CPU time the worker spent on these games (a fair clock on a shared machine)."""


def network_evaluator(game: Game, model):
    """An MCTS evaluator from a PolicyValueNet: one batched forward pass for a list of states."""
    import torch

    def evaluate(states):
        x = torch.from_numpy(np.stack([game.encode(s) for s in states]))  # (B, planes, rows, cols)
        with torch.inference_mode():
            logits, values = model(x)  # (B, A), (B,)
            priors = torch.softmax(logits, dim=1)
        return priors.numpy(), values.numpy()

    return evaluate


def model_weights(model) -> dict[str, np.ndarray]:
    """The network's weights as numpy arrays: what a task carries to a worker (see `load_model`)."""
    return {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


def load_model(weights: dict[str, np.ndarray], game: Game, channels: int, num_blocks: int):
    import torch

    from ldl.rl.search.network import PolicyValueNet

    model = PolicyValueNet(game, channels, num_blocks)
    model.load_state_dict({k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in weights.items()})
    return model.eval()


def random_opening(game: Game, max_plies: int, rng: np.random.Generator):
    """The start of a self-play game: the empty board after 0..max_plies (uniform) random legal
    moves; drawn again when those moves end the game."""
    while True:
        state = game.initial_state()
        for _ in range(int(rng.integers(0, max_plies + 1)) if max_plies > 0 else 0):
            state = game.next_state(state, int(rng.choice(np.flatnonzero(game.legal_actions(state)))))
            if game.terminal_value(state) is not None:
                break
        if game.terminal_value(state) is None:
            return state


def play_games(task: SelfPlayTask) -> SelfPlayOutput:
    """Play `task.num_games` self-play games, `task.parallel_games` at a time."""
    import time

    import torch

    torch.set_num_threads(1)  # one core per worker; batching gives the speed
    cpu_started = time.process_time()
    game = make_game(task.game)
    rng = np.random.default_rng(task.seed)
    evaluate = network_evaluator(game, load_model(task.weights, game, task.channels, task.num_blocks))
    quick = dataclasses.replace(task.mcts, num_simulations=task.fast_simulations, dirichlet_fraction=0.0)
    planes, policies, values, winners, lengths = [], [], [], [], []
    started = 0
    active: list[dict] = []
    while started < task.num_games or active:
        while len(active) < task.parallel_games and started < task.num_games:
            tree = MCTS(game, evaluate, task.mcts, rng)
            opening = random_opening(game, task.opening_plies, rng)
            active.append({"state": opening, "tree": tree, "history": [], "moves": 0,
                           "opened": opening.moves_played > 0})  # fmt: skip
            started += 1
        for record in active:  # playout cap randomisation: a full search (recorded) or a quick one
            record["full"] = task.fast_simulations <= 0 or rng.random() < task.full_search_fraction
            if record["opened"] and record["moves"] < task.opening_full_searches:
                record["full"] = True  # the untidy start of a random opening is always recorded
            record["tree"].config = task.mcts if record["full"] else quick
        counts = batched_search([g["tree"] for g in active], [g["state"] for g in active])
        still = []
        for record, visit in zip(active, counts, strict=True):
            state, tree = record["state"], record["tree"]
            if record["full"]:  # recorded; q = the search's value for the player to move
                q = -tree.root.q()
                record["history"].append((game.encode(state), visit / visit.sum(), state.player, q))
            temperature = 1.0 if state.moves_played < task.temperature_moves else 0.0
            record["state"] = game.next_state(state, select_action(visit, temperature, rng))
            record["moves"] += 1
            winner = game.winner(record["state"])
            if winner is None:
                still.append(record)
                continue
            for encoded, pi, player, q in record["history"]:
                planes.append(encoded)
                policies.append(pi)
                values.append((1 - task.q_weight) * float(winner * player) + task.q_weight * q)
            winners.append(int(winner))
            lengths.append(record["moves"])
        active = still
    shape = game.encode(game.initial_state()).shape  # (planes, rows, cols), also for 0 examples
    return SelfPlayOutput(
        np.array(planes, dtype=np.float32).reshape(-1, *shape),
        np.array(policies, dtype=np.float32).reshape(-1, game.num_actions),
        np.array(values, dtype=np.float32),
        winners,
        lengths,
        time.process_time() - cpu_started,
    )


def _ignore_sigint() -> None:
    """Pool workers leave Ctrl-C to the main process, which saves a checkpoint and stops them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessPoolSelfPlay:
    """Self-play on all local cores: one task per worker process per iteration.

    `submit(fn, tasks)` starts the tasks and returns at once with a function that collects their
    results, so the main process can train the network while the workers play (`Config.overlap`);
    `run(tasks)` is the blocking form for self-play."""

    def __init__(self, num_workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")  # no fork after torch has started threads
        self.pool = ProcessPoolExecutor(num_workers, mp_context=context, initializer=_ignore_sigint)

    def submit(self, fn: Callable[[Any], Any], tasks: list) -> Callable[[], list]:
        futures = [self.pool.submit(fn, task) for task in tasks]
        return lambda: [future.result() for future in futures]  # in task order

    def run(self, tasks: list[SelfPlayTask]) -> list[SelfPlayOutput]:
        return self.submit(play_games, tasks)()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class InProcessSelfPlay:
    """Self-play in the calling process (num_workers=0: tests, debugging). `submit` defers the work
    to the moment the results are collected: the same results as the pool, one core."""

    def submit(self, fn: Callable[[Any], Any], tasks: list) -> Callable[[], list]:
        return lambda: [fn(task) for task in tasks]

    def run(self, tasks: list[SelfPlayTask]) -> list[SelfPlayOutput]:
        return self.submit(play_games, tasks)()

    def close(self) -> None:
        pass

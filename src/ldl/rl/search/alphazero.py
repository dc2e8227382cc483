"""AlphaZero (Silver et al., 2018) on tic-tac-toe and Connect Four: learn from self-play alone.

    Config -> PolicyValueNet f(s) = (p, v) -> loop over iterations:
      1. self-play: workers play games with MCTS guided by f (Dirichlet noise at the root,
         temperature 1 for the first moves, then the most visited move); each move gives (s, pi, z)
      2. the examples, and their mirror images (symmetries), go into a replay window of the most
         recent `replay_window` examples
      3. `train_steps` minibatch steps on  loss = (z - v)^2 - pi . log p  (+ weight decay);
         with `overlap`, on the window as it was, while the workers play step 1 (both run at once)
      4. every `evaluate_every` iterations: play fixed opponents (in the workers), save a snapshot

The search improves on the raw policy (pi is better than p) and the game's end is a better value
target than v: the network chases its own search, and the search gets better with the network.

Exact resume: checkpoints hold the network, the optimizer, the replay window, the sampling
generator and the iteration; self-play seeds come from (seed, iteration, worker), so the games
replayed after a resume are the same games.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np

from ldl.rl.games import make_game
from ldl.rl.search.mcts import MCTSConfig
from ldl.rl.search.player import AlphaZeroPlayer
from ldl.rl.search.selfplay import SelfPlayOutput, SelfPlayTask, model_weights, play_games
from ldl.tracking import (
    GracefulInterrupt,
    Progress,
    restore_rng_state,
    restores_torch_threads,
    rng_state,
    seed_everything,
    start_run,
)

__all__ = ["AlphaZeroPlayer", "Config", "ConnectFourConfig", "Result", "train"]


def __getattr__(name: str):
    """`alphazero.PolicyValueNet` without importing torch until it is asked for (it lives in network.py)."""
    if name == "PolicyValueNet":
        from ldl.rl.search.network import PolicyValueNet

        return PolicyValueNet
    raise AttributeError(name)


@dataclass
class Config:
    """Hyperparameters of AlphaZero (defaults: tic-tac-toe, 0 losses against minimax in minutes)."""

    RESUME_MAY_CHANGE: ClassVar[tuple[str, ...]] = (
        "num_iterations",
        "time_limit_minutes",
        "cpu_limit_minutes",
    )
    """When to stop: `ldl run NAME --resume RUN --set time_limit_minutes=180` extends a run."""
    MISSING_MEANS: ClassVar[dict[str, Any]] = {"opening_plies": 0, "opening_full_searches": 0}
    """Runs saved before these options existed played from the empty board, and resume that way,
    although `ConnectFourConfig` now opens its games at random."""

    game: str = "tic-tac-toe"
    """"tic-tac-toe" or "connect-four"."""
    seed: int = 0
    """Seeds the network, self-play and minibatch sampling."""
    num_iterations: int = 30
    """Self-play + training rounds."""
    games_per_iteration: int = 32
    """Self-play games per iteration (split among the workers)."""
    num_workers: int = 2
    """Self-play worker processes (0: play in the main process)."""
    backend: Literal["processes", "ray"] = "processes"
    """Run the workers as local processes or as Ray actors (pip install -e ".[scale]")."""
    parallel_games: int = 8
    """Games a worker plays in lockstep, so the network evaluates that many leaves per call."""
    num_simulations: int = 40
    """MCTS simulations per self-play move."""
    c_puct: float = 1.5
    """Exploration weight of PUCT."""
    dirichlet_alpha: float = 1.0
    """Root noise concentration (about 10 / the typical number of legal moves)."""
    dirichlet_fraction: float = 0.25
    """Share of root noise in self-play."""
    temperature_moves: int = 9
    """Moves sampled in proportion to the visit counts at the start of each game (then greedy); in
    tic-tac-toe the whole game, so that self-play meets the odd openings a perfect player may choose."""
    fast_simulations: int = 0
    """Playout cap randomisation (KataGo): when > 0, each self-play move gets the full search (with
    root noise, recorded as an example) with probability `full_search_fraction`, and otherwise a
    quick search of this many simulations (no noise, not recorded). More games per hour for the
    value head; the policy still learns only from full searches. 0: every move searched fully."""
    full_search_fraction: float = 0.25
    """Share of self-play moves searched fully when `fast_simulations` > 0."""
    opening_plies: int = 0
    """Each self-play game starts after a random number, 0 to this (uniform), of uniformly random
    moves (not recorded), so that the network also learns the untidy positions its own play never
    reaches: a win left open, threats on both sides. 0: every game starts from the empty board."""
    opening_full_searches: int = 0
    """With random openings, the first this many moves after a non-empty opening are all searched in
    full and recorded (not left to `full_search_fraction`): the untidy positions the openings are
    there for are mostly at their start, before searched play tidies them up."""
    q_weight: float = 0.0
    """Value target = (1 - q_weight) * z + q_weight * q: the game's result z mixed with the search's
    value of the position q (0: the result alone, as in the paper; 0.5: their average)."""
    replay_window: int = 20_000
    """Examples kept (symmetries included); older ones drop out."""
    batch_size: int = 128
    """Examples per gradient step."""
    train_steps: int = 60
    """Gradient steps per iteration."""
    lr: float = 2e-3
    """AdamW learning rate."""
    weight_decay: float = 1e-4
    """AdamW weight decay (L2 regularisation)."""
    channels: int = 32
    """Width of the residual tower."""
    num_blocks: int = 2
    """Residual blocks."""
    augment: bool = True
    """Add every example's symmetric copies (8 in tic-tac-toe, 2 in Connect Four)."""
    evaluate_every: int = 5
    """Iterations between evaluations (and snapshots for Elo)."""
    eval_games: int = 40
    """Games against each evaluation opponent (rounded up to an even number: both colours of each
    opening), shared among the worker processes."""
    eval_simulations: int = 100
    """MCTS simulations per move of the agent when evaluated."""
    eval_opponents: list[str] = field(default_factory=lambda: ["random", "minimax"])
    """"random", "minimax" (tic-tac-toe only), "alphabeta-<depth>", "solver" (accuracy, needs bitbully)."""
    eval_openings: int = 0
    """Random first moves opening each pair of evaluation games (both colours play the same opening).
    Without them a deterministic agent and opponent replay a handful of games over and over."""
    overlap: bool = False
    """Train on the examples already in the window while the workers play this iteration's games
    (both cores busy instead of taking turns); their games join the window for the next iteration.
    The training lags the games by one iteration, as in DeepMind's asynchronous AlphaZero."""
    time_limit_minutes: float | None = None
    """Stop (after an evaluation) once this much wall-clock time has passed (None: no limit)."""
    cpu_limit_minutes: float | None = None
    """Stop (after an evaluation) once self-play and training have used this much CPU time, all
    processes together (2 cores x 60 minutes = 120); fairer than the wall clock on a shared machine."""
    fast: bool = False
    """Shrink the run for a quick check (2 iterations of 4 games, same code path)."""


@dataclass
class ConnectFourConfig(Config):
    """Connect Four: a deeper network, more search, quick searches for most self-play moves (playout
    cap randomisation), q in the value target, and random openings whose first two positions are
    always recorded; aims at depth-2 alpha-beta and a strong raw policy within an hour. The run of
    2026-12-01 23:25 (seed 0, 2 cores, 106 CPU-minutes, 238 iterations): 0.69 against depth 2 and
    0.66 against depth 4 in 400 games each, raw policy optimal on 84.1% of the fixed 1,000 solver
    positions (docs/alphazero.md). Before these openings (the 11:10 run): 0.70, 0.54 and 72.9%."""

    game: str = "connect-four"
    num_iterations: int = 400
    games_per_iteration: int = 64
    parallel_games: int = 32
    num_simulations: int = 80
    fast_simulations: int = 15
    full_search_fraction: float = 0.25
    q_weight: float = 0.5
    dirichlet_alpha: float = 1.0
    temperature_moves: int = 8
    replay_window: int = 30_000
    batch_size: int = 256
    train_steps: int = 60
    channels: int = 48
    num_blocks: int = 4
    evaluate_every: int = 10
    eval_games: int = 40
    eval_simulations: int = 60
    eval_opponents: list[str] = field(default_factory=lambda: ["random", "alphabeta-2", "solver"])
    eval_openings: int = 2
    opening_plies: int = 24
    opening_full_searches: int = 2
    overlap: bool = True
    time_limit_minutes: float | None = 59.5
    """Stops within the hour, its last iteration and evaluation included (the issue's budget)."""


@dataclass
class Result:
    """What `train` returns."""

    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


class ExampleWindow:
    """The most recent `capacity` examples (a ring buffer of numpy arrays)."""

    def __init__(self, capacity: int, plane_shape: tuple[int, ...], num_actions: int):
        self.planes = np.zeros((capacity, *plane_shape), dtype=np.float32)  # (capacity, 3, rows, cols)
        self.policies = np.zeros((capacity, num_actions), dtype=np.float32)
        self.values = np.zeros(capacity, dtype=np.float32)
        self.size, self.next = 0, 0

    def add(self, planes: np.ndarray, policy: np.ndarray, value: float) -> None:
        self.planes[self.next], self.policies[self.next], self.values[self.next] = planes, policy, value
        self.next = (self.next + 1) % len(self.values)
        self.size = min(self.size + 1, len(self.values))

    def sample(self, batch_size: int, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
        index = rng.integers(0, self.size, batch_size)
        return self.planes[index], self.policies[index], self.values[index]

    def state_dict(self) -> dict[str, Any]:
        return {"planes": self.planes[: self.size].copy(), "policies": self.policies[: self.size].copy(),
                "values": self.values[: self.size].copy(), "next": self.next}  # fmt: skip

    def load_state_dict(self, state: dict[str, Any]) -> None:
        size = len(state["values"])
        self.planes[:size], self.policies[:size], self.values[:size] = (
            state["planes"],
            state["policies"],
            state["values"],
        )
        self.size, self.next = size, int(state["next"])


def make_self_play(config: Config):
    """The self-play backend: in process, a local process pool, or Ray actors."""
    from ldl.rl.search import selfplay

    if config.backend == "ray":
        from ldl.rl.search.distributed import RaySelfPlay

        return RaySelfPlay(max(1, config.num_workers))
    if config.num_workers == 0:
        return selfplay.InProcessSelfPlay()
    return selfplay.ProcessPoolSelfPlay(config.num_workers)


def self_play_tasks(config: Config, model, iteration: int, num_games: int) -> list[SelfPlayTask]:
    """One task per worker; seeds from (seed, iteration, worker) so games never depend on scheduling."""
    weights = model_weights(model)
    mcts = MCTSConfig(
        config.num_simulations, config.c_puct, config.dirichlet_alpha, config.dirichlet_fraction
    )
    workers = max(1, config.num_workers)
    shares = [num_games // workers + (w < num_games % workers) for w in range(workers)]
    return [
        SelfPlayTask(
            config.game,
            weights,
            config.channels,
            config.num_blocks,
            mcts,
            share,
            min(config.parallel_games, share),
            config.temperature_moves,
            int(np.random.SeedSequence([config.seed, iteration, w]).generate_state(1)[0]),
            config.fast_simulations,
            config.full_search_fraction,
            config.q_weight,
            config.opening_plies,
            config.opening_full_searches,
        )  # fmt: skip
        for w, share in enumerate(shares)
        if share > 0
    ]


def add_examples(window: ExampleWindow, game, output: SelfPlayOutput, augment: bool) -> None:
    for planes, policy, value in zip(output.planes, output.policies, output.values, strict=True):
        pairs = game.symmetries(planes, policy) if augment else [(planes, policy)]
        for p, pi in pairs:
            window.add(p, pi, value)


def train_step(model, optimizer, batch) -> dict[str, float]:
    """One step on loss = mean (z - v)^2 + mean cross-entropy(pi, p)."""
    import torch

    planes, policies, values = (torch.from_numpy(a) for a in batch)
    logits, predicted = model(planes)  # (B, A), (B,)
    value_loss = torch.mean((values - predicted) ** 2)
    policy_loss = -torch.mean(torch.sum(policies * torch.log_softmax(logits, dim=1), dim=1))
    optimizer.zero_grad()
    (value_loss + policy_loss).backward()
    optimizer.step()
    return {"value_loss": value_loss.item(), "policy_loss": policy_loss.item()}


@restores_torch_threads
def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Result:
    """Train AlphaZero; with `resume` (True, a run id or a path), continue that run exactly."""
    import torch

    from ldl.rl.search.evaluation import evaluate_agent, save_snapshot
    from ldl.rl.search.network import PolicyValueNet

    torch.set_num_threads(1)
    iterations = 2 if config.fast else config.num_iterations
    games_per_iteration = 4 if config.fast else config.games_per_iteration
    game = make_game(config.game)
    run = start_run("deep-rl", f"alphazero-{game.name}", config, root=root, resume=resume)
    if config.fast:  # the same code path with a few cheap searches and games
        config = dataclasses.replace(config, num_simulations=min(config.num_simulations, 10),
                                     fast_simulations=min(config.fast_simulations, 4),
                                     eval_games=min(config.eval_games, 4),
                                     eval_simulations=min(config.eval_simulations, 10))  # fmt: skip
    seed_everything(config.seed)
    model = PolicyValueNet(game, config.channels, config.num_blocks)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    window = ExampleWindow(config.replay_window, game.encode(game.initial_state()).shape, game.num_actions)
    rng = np.random.default_rng(config.seed)  # minibatch sampling
    iteration, seconds, games_played, last_eval, cpu_seconds = 0, 0.0, 0, {}, 0.0

    if run.resumed:
        state = run.resumed.state
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        window.load_state_dict(state["window"])
        rng.bit_generator.state = state["rng_sampling"]
        iteration, seconds, games_played = state["iteration"], state["seconds"], state["games_played"]
        last_eval, cpu_seconds = dict(state["last_eval"]), state.get("cpu_seconds", 0.0)
        restore_rng_state(state["rng"])

    def save() -> None:
        run.checkpoints.save(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "window": window.state_dict(),
                "rng_sampling": rng.bit_generator.state,
                "iteration": iteration,
                "seconds": seconds,
                "games_played": games_played,
                "last_eval": last_eval,
                "cpu_seconds": cpu_seconds,
                "rng": rng_state(),
            },
            iteration,
        )

    def collect(pending) -> list[SelfPlayOutput]:
        """Wait for the workers' games and add them (and their symmetries) to the window."""
        outputs = pending()
        for output in outputs:
            add_examples(window, game, output, config.augment)
        return outputs

    self_play = make_self_play(config)
    started = time.perf_counter() - seconds
    interrupted = False
    try:
        with GracefulInterrupt() as interrupt:
            while iteration < iterations:
                cpu_started = time.process_time()
                model.eval()
                tasks = self_play_tasks(config, model, iteration, games_per_iteration)
                pending = self_play.submit(play_games, tasks)  # the workers start playing now
                overlap = config.overlap and window.size > 0
                if not overlap:  # wait for the games, train on them too
                    outputs = collect(pending)
                model.train()
                losses = [train_step(model, optimizer, window.sample(config.batch_size, rng))
                          for _ in range(config.train_steps)]  # fmt: skip
                if overlap:  # trained on the older examples while the workers played; now add theirs
                    outputs = collect(pending)
                iteration += 1
                games_played += sum(len(o.winners) for o in outputs)
                winners = [w for o in outputs for w in o.winners]
                seconds = time.perf_counter() - started
                cpu_seconds += time.process_time() - cpu_started + sum(o.cpu_seconds for o in outputs)
                out_of_time = (
                    config.time_limit_minutes is not None and seconds > 60 * config.time_limit_minutes
                ) or (config.cpu_limit_minutes is not None and cpu_seconds > 60 * config.cpu_limit_minutes)
                metrics = {
                    "value_loss": float(np.mean([loss["value_loss"] for loss in losses])),
                    "policy_loss": float(np.mean([loss["policy_loss"] for loss in losses])),
                    "first_player_wins": float(np.mean([w == 1 for w in winners])),
                    "draws": float(np.mean([w == 0 for w in winners])),
                    "mean_game_length": float(np.mean([n for o in outputs for n in o.lengths])),
                    "games": games_played, "examples": window.size, "seconds": seconds,
                    "cpu_seconds": cpu_seconds,
                }  # fmt: skip
                if iteration % config.evaluate_every == 0 or iteration == iterations or out_of_time:
                    model.eval()
                    last_eval = evaluate_agent(game, model, config, 10_000 + iteration, workers=self_play)
                    metrics.update(last_eval)
                    save_snapshot(model, config, run.dir / "snapshots" / f"iteration-{iteration:04d}.pt")
                    seconds = time.perf_counter() - started
                run.log(step=iteration, **metrics)
                if progress:
                    progress(Progress(iteration, iterations, 0, {"value_loss": metrics["value_loss"]}))
                save()
                if interrupt.requested:
                    interrupted = True
                    break
                if out_of_time:
                    break
    finally:
        self_play.close()
    if interrupted:
        run.close("interrupted")
        return Result(last_eval, run.dir, interrupted=True)
    run.plot_metrics()
    summary = {**last_eval, "iterations": iteration, "games": games_played, "seconds": seconds,
               "cpu_seconds": cpu_seconds}  # fmt: skip
    run.finish(**summary)
    return Result(summary, run.dir)

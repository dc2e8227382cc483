"""Evaluation during training: matches against fixed opponents and agreement with a perfect solver.

Opponent names: "random", "minimax" (perfect tic-tac-toe), "alphabeta-<depth>" (Connect Four's
window heuristic), and "solver": the share of a fixed set of solver-labelled positions on which the
raw policy's favourite move is optimal (needs bitbully; skipped with a note without it).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ldl.errors import LdlError
from ldl.rl.games import make_game
from ldl.rl.games.base import Game
from ldl.rl.search.arena import MatchResult, RandomPlayer, play_match
from ldl.rl.search.minimax import AlphaBetaPlayer, MinimaxPlayer
from ldl.rl.search.player import AlphaZeroPlayer, save_snapshot

__all__ = ["EvalMatch", "eval_matches", "evaluate_agent", "make_opponent", "play_eval_match", "save_snapshot",
           "solver_accuracy"]  # fmt: skip


def make_opponent(name: str, seed: int):
    if name == "random":
        return RandomPlayer(seed)
    if name == "minimax":
        return MinimaxPlayer(seed)
    if name.startswith("alphabeta-"):
        return AlphaBetaPlayer(int(name.split("-")[1]), seed)
    raise LdlError(
        f"Unknown opponent {name!r}.", hint='Use "random", "minimax", "alphabeta-<depth>" or "solver".'
    )


@lru_cache(maxsize=2)
def _positions(num_positions: int):
    from ldl.rl.search.oracle import labelled_positions

    return labelled_positions(num_positions)


def solver_accuracy(player: AlphaZeroPlayer, num_positions: int = 1000) -> dict[str, float]:
    """Shares of the fixed labelled positions where `player`'s move is optimal (keeps the result:
    "solver_accuracy") and where it is the fastest ("solver_accuracy_fastest")."""
    positions = _positions(num_positions)
    moves = [player(player.game, state) for state in positions.states]
    index = np.arange(len(moves))
    return {
        "solver_accuracy": float(np.mean(positions.optimal[index, moves])),
        "solver_accuracy_fastest": float(np.mean(positions.fastest[index, moves])),
    }


@dataclass
class EvalMatch:
    """A share of one evaluation match, picklable, for a worker process (or the main process)."""

    game: str
    weights: dict[str, np.ndarray]
    channels: int
    num_blocks: int
    simulations: int
    opponent: str
    num_games: int
    openings: int
    seed: int


def play_eval_match(task: EvalMatch) -> MatchResult:
    """The agent (MCTS with `simulations`) against the named opponent, from the agent's side."""
    import torch

    from ldl.rl.search.selfplay import load_model

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # one core per worker; put back after, for a caller's own process
    try:
        game = make_game(task.game)
        agent = AlphaZeroPlayer(game, load_model(task.weights, game, task.channels, task.num_blocks),
                                task.simulations, seed=task.seed)  # fmt: skip
        opponent = make_opponent(task.opponent, task.seed)
        return play_match(game, agent, opponent, task.num_games, seed=task.seed,
                          random_openings=task.openings)  # fmt: skip
    finally:
        torch.set_num_threads(threads)


def eval_matches(game: Game, model, config, seed: int) -> list[EvalMatch]:
    """Each opponent's games, split in even shares (both colours of each opening) among the workers;
    the shares' seeds come from (seed, opponent, share), so results do not depend on who plays them."""
    from ldl.rl.search.selfplay import model_weights

    weights = model_weights(model)
    opponents = [name for name in config.eval_opponents if name != "solver"]
    for name in opponents:
        make_opponent(name, 0)  # an unknown name fails here, before any game is played
    pairs, workers = (config.eval_games + 1) // 2, max(1, config.num_workers)
    shares = [2 * (pairs // workers + (w < pairs % workers)) for w in range(workers)]
    return [
        EvalMatch(game.name, weights, config.channels, config.num_blocks, config.eval_simulations, name,
                  share, config.eval_openings, int(np.random.SeedSequence([seed, o, w]).generate_state(1)[0]))
        for o, name in enumerate(opponents)
        for w, share in enumerate(shares)
        if share > 0
    ]  # fmt: skip


def evaluate_agent(game: Game, model, config, seed: int, workers=None) -> dict[str, float]:
    """Scores of the agent (MCTS with `eval_simulations`) against each of `config.eval_opponents`.
    With `workers` (a self-play backend) the matches are shared among its worker processes while
    the main process measures solver accuracy; without, everything runs here."""
    from ldl.rl.search.selfplay import InProcessSelfPlay

    tasks = eval_matches(game, model, config, seed)
    pending = (workers or InProcessSelfPlay()).submit(play_eval_match, tasks)
    metrics: dict[str, float] = {}
    if "solver" in config.eval_opponents:
        try:
            raw = AlphaZeroPlayer(game, model, num_simulations=0)
            metrics.update(solver_accuracy(raw, 200 if not config.fast else 20))
        except LdlError as error:
            print(f"solver accuracy skipped: {error}", file=sys.stderr)
    totals: dict[str, MatchResult] = {}
    for task, result in zip(tasks, pending(), strict=True):
        total = totals.setdefault(task.opponent, MatchResult(0, 0, 0))
        total.wins, total.draws, total.losses = (total.wins + result.wins, total.draws + result.draws,
                                                 total.losses + result.losses)  # fmt: skip
    for name, result in totals.items():
        key = name.replace("-", "_")
        metrics[f"score_vs_{key}"] = result.score
        metrics[f"losses_vs_{key}"] = float(result.losses)
    return metrics

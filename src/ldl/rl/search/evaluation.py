"""Evaluation during training: matches against fixed opponents and agreement with a perfect solver.

Opponent names: "random", "minimax" (perfect tic-tac-toe), "alphabeta-<depth>" (Connect Four's
window heuristic), and "solver": the share of a fixed set of solver-labelled positions on which the
raw policy's favourite move is optimal (needs bitbully; skipped with a note without it).
"""

from __future__ import annotations

import sys
from functools import lru_cache

import numpy as np

from ldl.errors import LdlError
from ldl.rl.games.base import Game
from ldl.rl.search.arena import RandomPlayer, play_match
from ldl.rl.search.minimax import AlphaBetaPlayer, MinimaxPlayer
from ldl.rl.search.player import AlphaZeroPlayer, save_snapshot

__all__ = ["evaluate_agent", "make_opponent", "save_snapshot", "solver_accuracy"]


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


def evaluate_agent(game: Game, model, config, seed: int) -> dict[str, float]:
    """Scores of the agent (MCTS with `eval_simulations`) against each of `config.eval_opponents`."""
    agent = AlphaZeroPlayer(game, model, config.eval_simulations, seed=seed)
    metrics: dict[str, float] = {}
    for name in config.eval_opponents:
        if name == "solver":
            try:
                raw = AlphaZeroPlayer(game, model, num_simulations=0)
                metrics.update(solver_accuracy(raw, 200 if not config.fast else 20))
            except LdlError as error:
                print(f"solver accuracy skipped: {error}", file=sys.stderr)
            continue
        opponent, openings = make_opponent(name, seed), config.eval_openings
        result = play_match(game, agent, opponent, config.eval_games, seed=seed, random_openings=openings)
        key = name.replace("-", "_")
        metrics[f"score_vs_{key}"] = result.score
        metrics[f"losses_vs_{key}"] = float(result.losses)
    return metrics

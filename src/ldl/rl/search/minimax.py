"""Minimax, exact and depth-limited with alpha-beta pruning (negamax form).

Negamax: the value of a position for the player to move is the best, over their moves a, of minus
the value of the position after a (the opponent's view):

    V(s) = terminal_value(s)                       if the game is over
    V(s) = max_a  -V(next_state(s, a))             otherwise

Alpha-beta keeps a window [alpha, beta] of values that can still change the decision higher up;
once a move proves V(s) >= beta the other moves need not be searched (the opponent will avoid s).
With a depth limit, positions at the horizon are scored by a heuristic in (-1, 1). Wins found
sooner score higher (1 - ply / 100), so a searcher takes the quickest win and delays a loss.

    alphabeta(game, state, depth=4)  ->  SearchResult(value, action, nodes)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ldl.rl.games.base import Game, GameState

_TABLES: dict[str, dict[bytes, float]] = {}


def minimax(game: Game, state: GameState) -> float:
    """The exact game-theoretic value for the player to move (-1, 0 or +1), memoised by position
    (the table is kept per game, so later calls are free). Fine for tic-tac-toe (5,478 positions);
    far too slow for Connect Four."""
    table = _TABLES.setdefault(game.name, {})

    def value(s: GameState) -> float:
        terminal = game.terminal_value(s)
        if terminal is not None:
            return terminal
        key = s.key()
        if key not in table:
            table[key] = max(
                -value(game.next_state(s, int(a))) for a in np.flatnonzero(game.legal_actions(s))
            )
        return table[key]

    return value(state)


def minimax_action_values(game: Game, state: GameState) -> dict[int, float]:
    """The exact value of every legal move, for the player to move."""
    return {
        int(a): -minimax(game, game.next_state(state, int(a)))
        for a in np.flatnonzero(game.legal_actions(state))
    }


@lru_cache(maxsize=4)
def _windows(rows: int, cols: int, length: int = 4) -> np.ndarray:
    """Every line of `length` cells on the board, as flat indices (num_windows, length)."""
    windows = []
    for r in range(rows):
        for c in range(cols):
            for dr, dc in [(0, 1), (1, 0), (1, 1), (1, -1)]:
                cells = [(r + i * dr, c + i * dc) for i in range(length)]
                if all(0 <= rr < rows and 0 <= cc < cols for rr, cc in cells):
                    windows.append([rr * cols + cc for rr, cc in cells])
    return np.array(windows)


def window_heuristic(game: Game, state: GameState) -> float:
    """A classic Connect Four evaluation, for the player to move, in (-1, 1): lines of four that hold
    only one player's stones count for that player, more the fuller they are (1, 4 or 16 points for
    1, 2 or 3 stones), squashed with tanh."""
    windows = _windows(game.rows, game.cols)
    cells = state.board.reshape(-1)[windows] * state.player  # (num_windows, 4): +1 mine, -1 theirs
    mine, theirs = (cells == 1).sum(axis=1), (cells == -1).sum(axis=1)
    weights = np.array([0.0, 1.0, 4.0, 16.0, 0.0])
    score = weights[mine[theirs == 0]].sum() - weights[theirs[mine == 0]].sum()
    return math.tanh(score / 50.0) * 0.9


def zero_heuristic(game: Game, state: GameState) -> float:
    """Every unfinished position is worth 0 (for games searched to the end)."""
    return 0.0


@dataclass
class SearchResult:
    """What alphabeta returns."""

    value: float
    """Value of the position for the player to move (a win in n plies: 1 - n / 100)."""
    action: int
    """The best move found (-1 at a terminal position or depth 0)."""
    nodes: int
    """Positions visited."""


def alphabeta(
    game: Game,
    state: GameState,
    depth: int,
    heuristic=window_heuristic,
    rng: np.random.Generator | None = None,
) -> SearchResult:
    """Depth-limited negamax with alpha-beta pruning. Moves are tried centre-first (good moves early
    prune more); with `rng`, the root's moves are shuffled first, so equally good moves are picked
    at random (an opponent that does not play the same game every time)."""
    nodes = 0
    center = (game.num_actions - 1) / 2

    def ordered(s: GameState) -> list[int]:
        return sorted(np.flatnonzero(game.legal_actions(s)).tolist(), key=lambda a: abs(a - center))

    def search(s: GameState, d: int, alpha: float, beta: float, ply: int) -> float:
        nonlocal nodes
        nodes += 1
        terminal = game.terminal_value(s)
        if terminal is not None:
            return terminal * (1 - ply / 100)  # a loss found later hurts less
        if d == 0:
            return heuristic(game, s)
        best = -math.inf
        for a in ordered(s):
            best = max(best, -search(game.next_state(s, a), d - 1, -beta, -alpha, ply + 1))
            alpha = max(alpha, best)
            if alpha >= beta:
                break  # the opponent will never let the game reach s
        return best

    if game.terminal_value(state) is not None or depth == 0:
        return SearchResult(search(state, 0, -math.inf, math.inf, 0), -1, nodes)
    moves = ordered(state)
    if rng is not None:
        moves = [moves[i] for i in rng.permutation(len(moves))]
    best_value, best_action, alpha = -math.inf, moves[0], -math.inf
    for a in moves:
        value = -search(game.next_state(state, a), depth - 1, -math.inf, -alpha, 1)
        if value > best_value:
            best_value, best_action = value, a
        alpha = max(alpha, value)
    return SearchResult(best_value, best_action, nodes)


class AlphaBetaPlayer:
    """A player (see arena.py) that searches `depth` plies with alpha-beta and the window heuristic;
    ties between equally good moves are broken at random from `seed`."""

    def __init__(self, depth: int, seed: int = 0, heuristic=window_heuristic):
        self.depth, self.heuristic = depth, heuristic
        self.rng = np.random.default_rng(seed)
        self.name = f"alphabeta-{depth}"

    def __call__(self, game: Game, state: GameState) -> int:
        return alphabeta(game, state, self.depth, self.heuristic, self.rng).action


class MinimaxPlayer:
    """Perfect tic-tac-toe: a random move among those with the best exact value."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)
        self.name = "minimax"

    def __call__(self, game: Game, state: GameState) -> int:
        values = minimax_action_values(game, state)
        best = max(values.values())
        return int(self.rng.choice([a for a, v in values.items() if v == best]))

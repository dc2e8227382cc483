"""Perfect Connect Four play, as the judge of our agents: `bitbully` (a bitboard solver with opening
books, PyPI `bitbully` + `bitbully-databases`) scores every move of a position exactly.

Its score of a move is positive when the player to move wins after it, zero for a draw, negative for
a loss; the larger, the sooner the win (or the later the loss). A move is *optimal* when it keeps the
best achievable result (a won position stays won, a drawn one drawn: the game-theoretic value, the
usual meaning of "solver-optimal"), and *fastest* when its score is the best available (the quickest
win, the longest defence), a stricter test reported beside it. Used by
benchmarks/alphazero_strength.py, the training run's evaluations and the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ldl.errors import LdlError
from ldl.rl.games.base import GameState
from ldl.rl.games.connect_four import COLS, ROWS, ConnectFour


def _bitbully():
    try:
        import bitbully
    except ModuleNotFoundError as error:
        raise LdlError(
            "The Connect Four oracle needs the perfect solver `bitbully`, which is not installed.",
            hint='Install the benchmark extra: pip install -e ".[bench]" (bitbully and bitbully-databases).',
        ) from error
    return bitbully


class PerfectConnectFour:
    """Exact move scores of Connect Four positions."""

    def __init__(self, opening_book: str | None = "default"):
        bitbully = _bitbully()
        self._board_class = bitbully.Board
        try:
            self.solver = bitbully.BitBully(opening_book)
        except Exception:  # no databases package: search without the book (slower openings)
            self.solver = bitbully.BitBully(None)

    def board(self, state: GameState):
        """Our state as a bitbully Board (column-major, row 0 at the bottom, 1 = first player)."""
        columns = [[0] * ROWS for _ in range(COLS)]
        for row in range(ROWS):
            for col in range(COLS):
                stone = int(state.board[ROWS - 1 - row, col])
                columns[col][row] = {1: 1, -1: 2, 0: 0}[stone]
        return self._board_class.from_array(columns)

    def scores(self, state: GameState) -> np.ndarray:
        """(7,) float: the exact score of each column for the player to move; NaN where illegal."""
        out = np.full(COLS, np.nan)
        for column, score in self.solver.score_all_moves(self.board(state)).items():
            out[int(column)] = score
        return out

    def optimal_actions(self, state: GameState) -> np.ndarray:
        """(7,) bool: the moves that keep the best achievable result (win, draw or loss)."""
        return _labels(self.scores(state))[0]

    def fastest_actions(self, state: GameState) -> np.ndarray:
        """(7,) bool: the moves with the best exact score (the quickest win, the longest defence)."""
        return _labels(self.scores(state))[1]

    def value(self, state: GameState) -> int:
        """+1 the player to move wins with perfect play, 0 draw, -1 loses."""
        return int(np.sign(np.nanmax(self.scores(state))))


def _labels(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(optimal, fastest) from a position's move scores (NaN where illegal): the moves whose result
    (the sign of the score) is the best one, and the moves with the best score itself."""
    best = np.nanmax(scores)
    with np.errstate(invalid="ignore"):
        return np.sign(scores) == np.sign(best), scores == best


class PerfectPlayer:
    """A player (see arena.py) that picks at random among the moves with the solver's best exact
    score: the quickest win, the draw, or, in a lost position, the move that holds out longest
    (every move "keeps" a lost result, so choosing among optimal moves alone would play at random
    there and hand a weak opponent the win)."""

    def __init__(self, oracle: PerfectConnectFour | None = None, seed: int = 0):
        self.oracle = oracle or PerfectConnectFour()
        self.rng = np.random.default_rng(seed)
        self.name = "perfect"

    def __call__(self, game, state: GameState) -> int:
        return int(self.rng.choice(np.flatnonzero(self.oracle.fastest_actions(state))))


@dataclass
class LabelledPositions:
    """Positions and, in each, the optimal moves and the fastest ones (a subset)."""

    states: list[GameState]
    optimal: np.ndarray
    """(num_positions, 7) bool: the moves that keep the position's result."""
    fastest: np.ndarray
    """(num_positions, 7) bool: the moves with the best exact score."""
    moves: list[list[int]] = field(default_factory=list)
    """The columns played from the empty board to reach each position."""

    def head(self, count: int) -> LabelledPositions:
        """The first `count` positions (the set is drawn in order, so a prefix is itself a set)."""
        return LabelledPositions(self.states[:count], self.optimal[:count], self.fastest[:count],
                                 self.moves[:count])  # fmt: skip


SHIPPED_POSITIONS = Path(__file__).parent / "checkpoints" / "connect-four.positions.json"


def save_positions(positions: LabelledPositions, path: Path = SHIPPED_POSITIONS) -> None:
    """Write the positions as move lists with their labels (what `shipped_positions` reads)."""
    rows = position_rows(positions)
    path.write_text(json.dumps({"seed": 2024, "positions": rows}, separators=(",", ":")) + "\n")


def shipped_positions(count: int | None = None, path: Path = SHIPPED_POSITIONS) -> LabelledPositions:
    """The first `count` of `labelled_positions(300, seed=2024)`, labelled by the solver once and
    shipped with ldl, so that judging needs no solver (tests/rl/search/test_oracle.py checks them
    against the solver wherever bitbully is installed)."""
    return positions_from_rows(json.loads(path.read_text(encoding="utf-8"))["positions"][:count])


def position_rows(positions: LabelledPositions) -> list[dict]:
    """The positions as JSON-ready rows: the moves that reach each, its optimal and fastest moves."""
    labels = zip(positions.moves, positions.optimal, positions.fastest, strict=True)
    return [
        {"moves": moves, "optimal": np.flatnonzero(best).tolist(), "fastest": np.flatnonzero(quick).tolist()}
        for moves, best, quick in labels
    ]


def positions_from_rows(rows: list[dict]) -> LabelledPositions:
    """The inverse of `position_rows`."""
    game = ConnectFour()
    optimal, fastest = np.zeros((len(rows), COLS), dtype=bool), np.zeros((len(rows), COLS), dtype=bool)
    for i, row in enumerate(rows):
        optimal[i, row["optimal"]] = True
        fastest[i, row["fastest"]] = True
    return LabelledPositions([game.from_moves(row["moves"]) for row in rows], optimal, fastest,
                             [row["moves"] for row in rows])  # fmt: skip


def labelled_positions(num_positions: int = 1000, seed: int = 2024, min_plies: int = 4, max_plies: int = 24,
                       oracle: PerfectConnectFour | None = None) -> LabelledPositions:  # fmt: skip
    """A fixed set of positions from random games (a random length in [min_plies, max_plies]),
    each unfinished and with at least one move that is NOT optimal (a real decision: some move
    changes the result), labelled by the solver. The same seed gives the same set."""
    oracle = oracle or PerfectConnectFour()
    game, rng = ConnectFour(), np.random.default_rng(seed)
    states, optimal, fastest, moves, seen = [], [], [], [], set()
    while len(states) < num_positions:
        state, played = game.initial_state(), []
        for _ in range(int(rng.integers(min_plies, max_plies + 1))):
            played.append(int(rng.choice(np.flatnonzero(game.legal_actions(state)))))
            state = game.next_state(state, played[-1])
            if game.winner(state) is not None:
                break
        if game.winner(state) is not None or state.key() in seen:
            continue
        keeps, quickest = _labels(oracle.scores(state))
        if keeps.sum() == game.legal_actions(state).sum():
            continue  # every move keeps the result: no decision to judge
        seen.add(state.key())
        states.append(state)
        optimal.append(keeps)
        fastest.append(quickest)
        moves.append(played)
    return LabelledPositions(states, np.array(optimal), np.array(fastest), moves)

"""The game interface that search and AlphaZero are written against.

A position is an immutable `GameState`: the board (int8, +1 for the first player's stones, -1 for
the second's, 0 empty), whose turn it is, and how many moves were played. A `Game` knows the rules:

    legal_actions(s)   boolean mask over the fixed action space, shape (num_actions,)
    next_state(s, a)   a NEW state (states are never mutated, so a search tree can keep them)
    winner(s)          +1 / -1 the winner, 0 a draw, None while the game goes on
    terminal_value(s)  the result seen by the player to move: -1 (the opponent just won), 0, or None
    encode(s)          network input (planes, rows, cols), float32, in *canonical form*: plane 0 holds
                       the stones of the player to move, plane 1 the opponent's, plane 2 is all ones
                       (it lets a padded convolution see the board's edge). One network then plays
                       both sides: it always thinks "I am to move".
    symmetries(p, pi)  the (planes, policy) pairs that the board's symmetries map a position to:
                       the same game seen in a mirror, for free training data.

Values are always from the perspective of the player to move (negamax convention):
value(s) = -value(next_state(s, a)) along the best line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


@dataclass(frozen=True, eq=False)
class GameState:
    """One position. Never mutated: `Game.next_state` returns a new one."""

    board: np.ndarray
    """(rows, cols) int8: +1 first player's stones, -1 second player's, 0 empty."""
    player: int
    """+1 or -1: the player to move."""
    moves_played: int = 0
    """Stones on the board (plies since the start)."""
    outcome: int | None = None
    """+1 / -1 the winner, 0 a draw, None while the game goes on (set by next_state)."""
    heights: tuple[int, ...] = field(default=())
    """Connect Four: stones in each column (the next free row counts from the bottom)."""

    def key(self) -> bytes:
        """A hashable summary of the position (for transposition tables and tests)."""
        return self.board.tobytes() + bytes([self.player & 0xFF])


class Game(Protocol):
    """The rules of a two-player zero-sum game with a fixed, discrete action space."""

    name: str
    rows: int
    cols: int
    num_actions: int

    def initial_state(self) -> GameState: ...

    def legal_actions(self, state: GameState) -> np.ndarray: ...

    def next_state(self, state: GameState, action: int) -> GameState: ...

    def winner(self, state: GameState) -> int | None: ...

    def terminal_value(self, state: GameState) -> float | None: ...

    def encode(self, state: GameState) -> np.ndarray: ...

    def symmetries(self, planes: np.ndarray, policy: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]: ...

    def render(self, state: GameState) -> str: ...


NUM_PLANES = 3
"""Planes of `encode`: own stones, opponent stones, ones."""


def encode_board(board: np.ndarray, player: int) -> np.ndarray:
    """Canonical planes (3, rows, cols) float32 for the player to move (shared by both games)."""
    planes = np.empty((NUM_PLANES, *board.shape), dtype=np.float32)  # (3, rows, cols)
    planes[0] = board == player
    planes[1] = board == -player
    planes[2] = 1.0
    return planes


def terminal_value_of(state: GameState) -> float | None:
    """The outcome seen by the player to move: the last mover won (-1), a draw (0), or None."""
    if state.outcome is None:
        return None
    return float(state.outcome * state.player)


SYMBOLS = {1: "X", -1: "O", 0: "."}

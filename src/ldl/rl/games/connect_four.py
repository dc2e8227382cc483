"""Connect Four on a 6x7 numpy board. Action a in 0..6 drops a stone into column a.

Row 0 is the top of the board, row 5 the bottom; `heights[c]` stones already fill column c, so a
stone dropped there lands in row 5 - heights[c]. A move can only win through the stone it places,
so `next_state` checks the four lines through that one cell instead of the whole board.
The first player wins with perfect play (Allis, 1988); `ldl.rl.search.oracle` wraps a solver.
"""

from __future__ import annotations

import numpy as np

from ldl.rl.games.base import SYMBOLS, GameState, encode_board, terminal_value_of

ROWS, COLS = 6, 7
DIRECTIONS = [(0, 1), (1, 0), (1, 1), (1, -1)]
"""Horizontal, vertical and the two diagonals, as (row step, column step)."""


def completes_four(board: np.ndarray, row: int, col: int) -> bool:
    """Is the stone at (row, col) part of four in a row? Counts like stones both ways along each line."""
    player = board[row, col]
    for dr, dc in DIRECTIONS:
        count = 1
        for sign in (1, -1):
            r, c = row + sign * dr, col + sign * dc
            while 0 <= r < ROWS and 0 <= c < COLS and board[r, c] == player:
                count += 1
                r, c = r + sign * dr, c + sign * dc
        if count >= 4:
            return True
    return False


class ConnectFour:
    """The rules of Connect Four; the first player (+1, shown as X) moves first."""

    name = "connect-four"
    rows = ROWS
    cols = COLS
    num_actions = COLS

    def initial_state(self) -> GameState:
        return GameState(board=np.zeros((ROWS, COLS), dtype=np.int8), player=1, heights=(0,) * COLS)

    def legal_actions(self, state: GameState) -> np.ndarray:
        """(7,) bool: the columns that are not full, or nothing once the game is over."""
        if state.outcome is not None:
            return np.zeros(COLS, dtype=bool)
        return np.array(state.heights) < ROWS

    def next_state(self, state: GameState, action: int) -> GameState:
        if state.outcome is not None or not 0 <= action < COLS or state.heights[action] >= ROWS:
            raise ValueError(f"illegal Connect Four move {action} in\n{self.render(state)}")
        row = ROWS - 1 - state.heights[action]
        board = state.board.copy()
        board[row, action] = state.player
        heights = state.heights[:action] + (state.heights[action] + 1,) + state.heights[action + 1 :]
        moves = state.moves_played + 1
        if completes_four(board, row, action):
            outcome = state.player
        else:
            outcome = 0 if moves == ROWS * COLS else None
        return GameState(board, -state.player, moves, outcome, heights)

    def winner(self, state: GameState) -> int | None:
        return state.outcome

    def terminal_value(self, state: GameState) -> float | None:
        return terminal_value_of(state)

    def encode(self, state: GameState) -> np.ndarray:
        return encode_board(state.board, state.player)  # (3, 6, 7)

    def symmetries(self, planes: np.ndarray, policy: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Identity and the left-right mirror (gravity rules out the other symmetries)."""
        return [(planes, policy), (np.ascontiguousarray(planes[:, :, ::-1]), policy[::-1].copy())]

    def render(self, state: GameState) -> str:
        """Six rows of X / O / ., then the column numbers 1-7."""
        lines = [" ".join(SYMBOLS[int(v)] for v in row) for row in state.board]
        return "\n".join([*lines, " ".join(str(c + 1) for c in range(COLS))])

    def from_moves(self, columns) -> GameState:
        """The position after playing `columns` (0-based) from the start."""
        state = self.initial_state()
        for column in columns:
            state = self.next_state(state, int(column))
        return state

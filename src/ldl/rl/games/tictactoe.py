"""Tic-tac-toe on a 3x3 numpy board. Action a in 0..8 is the cell (row, col) = divmod(a, 3).

The whole game has 5,478 reachable positions, so exhaustive minimax solves it (a draw with perfect
play): the yardstick that an AlphaZero agent must never lose against.
"""

from __future__ import annotations

import numpy as np

from ldl.rl.games.base import SYMBOLS, GameState, encode_board, terminal_value_of

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]
"""The eight winning lines, as flat cell indices."""
LINES_THROUGH = [[line for line in LINES if cell in line] for cell in range(9)]
"""For each cell, the lines that pass through it (a move can only complete one of those)."""


class TicTacToe:
    """The rules of tic-tac-toe; X (+1) moves first."""

    name = "tic-tac-toe"
    rows = 3
    cols = 3
    num_actions = 9

    def initial_state(self) -> GameState:
        return GameState(board=np.zeros((3, 3), dtype=np.int8), player=1)

    def legal_actions(self, state: GameState) -> np.ndarray:
        """(9,) bool: empty cells, or nothing once the game is over."""
        if state.outcome is not None:
            return np.zeros(9, dtype=bool)
        return state.board.reshape(9) == 0

    def next_state(self, state: GameState, action: int) -> GameState:
        flat = state.board.reshape(9)
        if state.outcome is not None or not 0 <= action < 9 or flat[action] != 0:
            raise ValueError(f"illegal tic-tac-toe move {action} in\n{self.render(state)}")
        board = state.board.copy()
        board.reshape(9)[action] = state.player
        flat = board.reshape(9)
        won = any(flat[a] == flat[b] == flat[c] for a, b, c in LINES_THROUGH[action])
        moves = state.moves_played + 1
        outcome = state.player if won else (0 if moves == 9 else None)
        return GameState(board=board, player=-state.player, moves_played=moves, outcome=outcome)

    def winner(self, state: GameState) -> int | None:
        return state.outcome

    def terminal_value(self, state: GameState) -> float | None:
        return terminal_value_of(state)

    def encode(self, state: GameState) -> np.ndarray:
        return encode_board(state.board, state.player)  # (3, 3, 3)

    def symmetries(self, planes: np.ndarray, policy: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The 8 symmetries of the square (4 rotations, each with and without a mirror)."""
        grid = policy.reshape(3, 3)
        out = []
        for k in range(4):
            for flip in (False, True):
                p, g = np.rot90(planes, k, axes=(1, 2)), np.rot90(grid, k)
                if flip:
                    p, g = p[:, :, ::-1], g[:, ::-1]
                out.append((np.ascontiguousarray(p), np.ascontiguousarray(g).reshape(9)))
        return out

    def render(self, state: GameState) -> str:
        """Three lines such as "X . O"."""
        return "\n".join(" ".join(SYMBOLS[int(v)] for v in row) for row in state.board)

"""Monte Carlo tree search that plays Connect Four. See statement.md.

The rules are given (legal_moves, play, wins, is_full); you write `mcts_move`."""

import math

import numpy as np

ROWS, COLS = 6, 7  # row 0 is the top; pieces fall towards row 5


def legal_moves(board: np.ndarray) -> list[int]:
    """The columns that are not full, in increasing order."""
    return [c for c in range(COLS) if board[0, c] == 0]


def play(board: np.ndarray, column: int, player: int) -> np.ndarray:
    """A new board with `player`'s piece (+1 or -1) dropped into `column` (which must not be full)."""
    new = board.copy()
    row = ROWS - 1
    while new[row, column] != 0:
        row -= 1
    new[row, column] = player
    return new


def wins(board: np.ndarray, column: int) -> bool:
    """Whether the top piece of `column` (the piece just played there) is part of four in a row."""
    grid = board.tolist()  # plain lists: much faster than indexing numpy one element at a time
    row = 0
    while grid[row][column] == 0:
        row += 1
    player = grid[row][column]
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        count = 1
        for sign in (1, -1):
            r, c = row + sign * dr, column + sign * dc
            while 0 <= r < ROWS and 0 <= c < COLS and grid[r][c] == player:
                count += 1
                r, c = r + sign * dr, c + sign * dc
        if count >= 4:
            return True
    return False


def is_full(board: np.ndarray) -> bool:
    """A draw, if nobody has won: the top row is full."""
    return bool(np.all(board[0] != 0))


def mcts_move(board: np.ndarray, player: int, rng: np.random.Generator, num_simulations: int = 200) -> int:
    """The column Monte Carlo tree search chooses for `player` (+1 or -1) to move on `board`.

    Each simulation: select with UCB1 down the tree, expand one new node, play a random game to the
    end (a rollout, with moves drawn from `rng`), back the result up with the sign flipped at every
    level. Play the most visited root move. The game on `board` is not over."""
    raise NotImplementedError

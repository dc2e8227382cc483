"""Connect Four is not symmetric upside down: gravity fills the board from the bottom row, so a
flipped or rotated board is a position that cannot occur. Its only symmetry is the left-right
mirror (column c <-> 6 - c)."""

import numpy as np


def tictactoe_symmetries(board, policy):
    grid, pairs = policy.reshape(3, 3), []
    for k in range(4):
        for mirror in (False, True):
            b, g = np.rot90(board, k), np.rot90(grid, k)
            if mirror:
                b, g = np.fliplr(b), np.fliplr(g)
            pairs.append((b.copy(), g.reshape(9).copy()))
    return pairs


def connect_four_symmetries(board, policy):
    return [
        (board.copy(), policy.copy()),
        (board[:, ::-1].copy(), policy[::-1].copy()),
        (board[::-1, :].copy(), policy.copy()),
        (board[::-1, ::-1].copy(), policy[::-1].copy()),
    ]

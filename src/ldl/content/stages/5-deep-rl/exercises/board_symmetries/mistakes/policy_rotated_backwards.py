"""Your policy turns the other way from the board (np.rot90 with k for one and -k for the other).
Apply the very same transform to both: the same k, and the mirror after the rotation for both."""

import numpy as np


def tictactoe_symmetries(board, policy):
    grid, pairs = policy.reshape(3, 3), []
    for k in range(4):
        for mirror in (False, True):
            b, g = np.rot90(board, k), np.rot90(grid, -k)
            if mirror:
                b, g = np.fliplr(b), np.fliplr(g)
            pairs.append((b.copy(), g.reshape(9).copy()))
    return pairs


def connect_four_symmetries(board, policy):
    return [(board.copy(), policy.copy()), (board[:, ::-1].copy(), policy[::-1].copy())]

"""Reference solution for board_symmetries."""

import numpy as np


def tictactoe_symmetries(board, policy):
    """Rotate and mirror the board and the policy (seen as a 3x3 grid) together."""
    grid = policy.reshape(3, 3)  # (9,) -> (3, 3): the policy is a board too
    pairs = []
    for k in range(4):
        for mirror in (False, True):
            b, g = np.rot90(board, k), np.rot90(grid, k)
            if mirror:
                b, g = np.fliplr(b), np.fliplr(g)
            pairs.append((b.copy(), g.reshape(9).copy()))  # (3, 3), (9,): copies, not views
    return pairs


def connect_four_symmetries(board, policy):
    """Gravity allows only the left-right mirror: column c <-> column 6 - c."""
    return [(board.copy(), policy.copy()), (board[:, ::-1].copy(), policy[::-1].copy())]

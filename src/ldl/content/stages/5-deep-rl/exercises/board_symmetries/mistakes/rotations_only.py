"""You give only the 4 rotations. The square has 8 symmetries: each rotation also with a mirror
image (np.fliplr), which a rotation alone cannot produce."""

import numpy as np


def tictactoe_symmetries(board, policy):
    grid = policy.reshape(3, 3)
    return [(np.rot90(board, k).copy(), np.rot90(grid, k).reshape(9).copy()) for k in range(4)]


def connect_four_symmetries(board, policy):
    return [(board.copy(), policy.copy()), (board[:, ::-1].copy(), policy[::-1].copy())]

"""You return views of the inputs (np.rot90, slicing and the board itself share memory with it).
A replay buffer that stores them changes when the original board does: return copies (.copy())."""

import numpy as np


def tictactoe_symmetries(board, policy):
    grid, pairs = policy.reshape(3, 3), []
    for k in range(4):
        for mirror in (False, True):
            b, g = np.rot90(board, k), np.rot90(grid, k)
            if mirror:
                b, g = np.fliplr(b), np.fliplr(g)
            pairs.append((b, g.reshape(9)))
    return pairs


def connect_four_symmetries(board, policy):
    return [(board, policy), (board[:, ::-1], policy[::-1])]

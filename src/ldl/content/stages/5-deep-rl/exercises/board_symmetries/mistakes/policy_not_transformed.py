"""You transform the board but keep the policy as it was. The policy target names cells of the
board: after a rotation the best move is somewhere else. Reshape it to (3, 3) and transform it
exactly like the board."""

import numpy as np


def tictactoe_symmetries(board, policy):
    pairs = []
    for k in range(4):
        for mirror in (False, True):
            b = np.rot90(board, k)
            if mirror:
                b = np.fliplr(b)
            pairs.append((b.copy(), policy.copy()))
    return pairs


def connect_four_symmetries(board, policy):
    return [(board.copy(), policy.copy()), (board[:, ::-1].copy(), policy[::-1].copy())]

"""Checks for board_symmetries: the worked example; a tic-tac-toe position with no symmetry of
its own (8 distinct pairs) and one symmetric under a mirror (pairs repeat); a Connect Four
position and a symmetric one. The probe sorts the pairs, so their order does not matter, and
reports shapes and dtypes."""

import numpy as np

from ldl.grading.spec import Case


def canonical(module, name, board, policy):
    pairs = getattr(module, name)(board, policy)
    rows = [(np.asarray(b), np.asarray(p)) for b, p in pairs]
    rows.sort(key=lambda bp: (bp[0].tobytes(), np.round(bp[1], 12).tobytes()))
    return {
        "count": len(rows),
        "boards": [b for b, _ in rows],
        "policies": [p for _, p in rows],
        "board_dtypes": sorted({str(b.dtype) for b, _ in rows}),
    }


def cases():
    ex_board = np.array([[1, 0, 0], [0, -1, 0], [0, 0, 0]], dtype=np.int8)
    ex_policy = np.zeros(9)
    ex_policy[2] = 1.0
    plain = np.array([[1, -1, 0], [0, 1, 0], [-1, 0, 0]], dtype=np.int8)
    rng = np.random.default_rng(9)
    plain_policy = rng.dirichlet(np.ones(9)) * (plain.reshape(9) == 0)
    plain_policy /= plain_policy.sum()
    mirror = np.array([[1, 0, 1], [0, -1, 0], [-1, 0, -1]], dtype=np.int8)
    mirror_policy = np.array([0, 0.3, 0, 0.35, 0, 0.35, 0, 0, 0])
    c4 = np.zeros((6, 7), dtype=np.int8)
    c4[5, [0, 1, 3, 3]] = [1, -1, 1, -1]
    c4[5, 3], c4[4, 3], c4[5, 2] = 1, -1, 1
    c4_policy = rng.dirichlet(np.ones(7))
    sym = np.zeros((6, 7), dtype=np.int8)
    sym[5, [2, 3, 4]] = [1, -1, 1]
    sym_policy = np.array([0.05, 0.1, 0.2, 0.3, 0.2, 0.1, 0.05])
    return [
        Case("the worked example", probe="canonical", args=("tictactoe_symmetries", ex_board, ex_policy)),
        Case(
            "tic-tac-toe, no symmetry of its own",
            probe="canonical",
            args=("tictactoe_symmetries", plain, plain_policy),
        ),
        Case(
            "tic-tac-toe, a mirror-symmetric position",
            probe="canonical",
            args=("tictactoe_symmetries", mirror, mirror_policy),
        ),
        Case("Connect Four", probe="canonical", args=("connect_four_symmetries", c4, c4_policy)),
        Case(
            "Connect Four, a symmetric position",
            probe="canonical",
            args=("connect_four_symmetries", sym, sym_policy),
        ),
        Case(
            "the empty Connect Four board",
            probe="canonical",
            args=("connect_four_symmetries", np.zeros((6, 7), np.int8), np.full(7, 1 / 7)),
        ),
    ]

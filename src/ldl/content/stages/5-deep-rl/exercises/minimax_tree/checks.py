"""Checks for minimax_tree: the textbook tree from both sides; a bare leaf; ties (the first best
child wins); an irregular tree of mixed depths with float scores; a one-move position; and a deep
line of forced moves, where only the alternation decides the result."""

from ldl.grading.spec import Case

TEXTBOOK = [[3, 12, 8], [2, 4, 6], [14, 5, 2]]
IRREGULAR = [
    [[-1.5, [2.0, 0.25]], 4.0],
    [0.5],
    [[[1.0, -2.0], 3.0], [[-0.75]], 6.5],
    -0.25,
]


def chain(depth, leaf_pair):
    """A line of single-child positions ending in a choice between two results."""
    tree = list(leaf_pair)
    for _ in range(depth):
        tree = [tree, [tree]]
    return tree


def cases():
    return [
        Case("the textbook tree, Max to move", call="minimax", args=(TEXTBOOK,)),
        Case(
            "the textbook tree, Min to move", call="minimax", args=(TEXTBOOK,), kwargs={"maximizing": False}
        ),
        Case("a finished game (a bare leaf)", call="minimax", args=(7,)),
        Case("ties: the first best child", call="minimax", args=([[1, 5], [2, 1], [1, 9]],)),
        Case("ties for Min", call="minimax", args=([[0, 4], [4, 0], [4, 4]],), kwargs={"maximizing": False}),
        Case("an irregular tree with float scores", call="minimax", args=(IRREGULAR,)),
        Case(
            "the irregular tree, Min to move", call="minimax", args=(IRREGULAR,), kwargs={"maximizing": False}
        ),
        Case("a single legal move", call="minimax", args=([[-1, 0]],)),
        Case("a deep tree (12 plies)", call="minimax", args=(chain(11, [1, -1]),)),
    ]

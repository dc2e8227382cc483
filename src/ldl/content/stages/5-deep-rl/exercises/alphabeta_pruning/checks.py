"""Checks for alphabeta_pruning: the textbook tree (value and 7 leaves) from both sides; a given
window; a bare leaf; cut-offs on ties (`>=`, not `>`); the best move first (maximal pruning) and
last (none); a deep irregular tree; and a random uniform tree of depth 6, compared leaf for leaf
with the reference count."""

import math

import numpy as np

from ldl.grading.spec import Case

TEXTBOOK = [[3, 12, 8], [2, 4, 6], [14, 5, 2]]


def random_tree(rng, depth, branching):
    if depth == 0:
        return int(rng.integers(-9, 10))
    return [random_tree(rng, depth - 1, branching) for _ in range(branching)]


def cases():
    rng = np.random.default_rng(13)
    big = random_tree(rng, 6, 3)  # 729 leaves
    irregular = [[[5, [1, 7]], 2], [[-3], [8, [0, 4]], 6], [9, [[-1, 3], 2]], [[4, 4], [10]]]
    return [
        Case("the textbook tree", call="alphabeta", args=(TEXTBOOK,)),
        Case(
            "the textbook tree, Min to move", call="alphabeta", args=(TEXTBOOK,), kwargs={"maximizing": False}
        ),
        Case("a window from above (alpha=4)", call="alphabeta", args=(TEXTBOOK,), kwargs={"alpha": 4.0}),
        Case("a window from above (beta=2.5)", call="alphabeta", args=(TEXTBOOK,), kwargs={"beta": 2.5}),
        Case(
            "a narrow window, Min to move",
            call="alphabeta",
            args=(TEXTBOOK,),
            kwargs={"maximizing": False, "alpha": 5.0, "beta": 7.0},
        ),
        Case("a bare leaf", call="alphabeta", args=(-2,)),
        Case("a tie cuts too (v >= beta)", call="alphabeta", args=([[5, 9], [5, 1], [6, 5]],)),
        Case(
            "best moves first: maximal pruning", call="alphabeta", args=([[8, 9, 9], [1, 9, 9], [0, 9, 9]],)
        ),
        Case("best moves last: no pruning", call="alphabeta", args=([[0, 1, 1], [1, 2, 2], [2, 3, 3]],)),
        Case("an irregular tree", call="alphabeta", args=(irregular,)),
        Case("a random tree, depth 6, branching 3", call="alphabeta", args=(big,)),
        Case("the random tree, Min first", call="alphabeta", args=(big,), kwargs={"maximizing": False}),
        Case(
            "an infinite window stays infinite", call="alphabeta", args=([[1]],), kwargs={"alpha": -math.inf}
        ),
    ]

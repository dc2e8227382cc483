"""Alpha-beta pruning, counting the leaves it reads. See statement.md."""

import math


def alphabeta(
    tree: float | list, maximizing: bool = True, alpha: float = -math.inf, beta: float = math.inf
) -> tuple[float, int]:
    """Minimax with a (alpha, beta) window, children read left to right.

    Max node: v = max over children read; stop once v >= beta, else alpha = max(alpha, v).
    Min node: v = min over children read; stop once v <= alpha, else beta = min(beta, v).
    Returns (v as a float, number of leaves read)."""
    raise NotImplementedError

"""Reference solution for alphabeta_pruning."""

import math


def alphabeta(tree, maximizing=True, alpha=-math.inf, beta=math.inf):
    """Alpha-beta (fail-soft) with the count of leaves read."""
    if not isinstance(tree, list):
        return float(tree), 1
    count = 0
    if maximizing:
        v = -math.inf
        for child in tree:
            child_value, read = alphabeta(child, False, alpha, beta)
            count += read
            v = max(v, child_value)
            if v >= beta:
                break  # Min above already has something better: cut
            alpha = max(alpha, v)
    else:
        v = math.inf
        for child in tree:
            child_value, read = alphabeta(child, True, alpha, beta)
            count += read
            v = min(v, child_value)
            if v <= alpha:
                break  # Max above already has something better: cut
            beta = min(beta, v)
    return v, count

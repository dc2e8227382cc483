"""You never prune: the window is not passed down (each child starts again from -inf, +inf), so
every leaf is read. Pass the node's current `alpha` and `beta` to each child."""

import math


def alphabeta(tree, maximizing=True, alpha=-math.inf, beta=math.inf):
    if not isinstance(tree, list):
        return float(tree), 1
    count, v = 0, (-math.inf if maximizing else math.inf)
    for child in tree:
        child_value, read = alphabeta(child, not maximizing)
        count += read
        if maximizing:
            v = max(v, child_value)
            if v >= beta:
                break
            alpha = max(alpha, v)
        else:
            v = min(v, child_value)
            if v <= alpha:
                break
            beta = min(beta, v)
    return v, count

"""You count positions as well as leaves. Only the leaves read count (a bare leaf is 1); a
position's count is the sum of its children's counts, with nothing added for itself."""

import math


def alphabeta(tree, maximizing=True, alpha=-math.inf, beta=math.inf):
    if not isinstance(tree, list):
        return float(tree), 1
    count, v = 1, (-math.inf if maximizing else math.inf)
    for child in tree:
        child_value, read = alphabeta(child, not maximizing, alpha, beta)
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

"""When a node is cut off you return the bound (alpha or beta) instead of the value `v` you read.
Inside the window nothing changes, but with a window passed in the answer differs: return `v`,
the best value read at the node."""

import math


def alphabeta(tree, maximizing=True, alpha=-math.inf, beta=math.inf):
    if not isinstance(tree, list):
        return float(tree), 1
    count = 0
    for child in tree:
        child_value, read = alphabeta(child, not maximizing, alpha, beta)
        count += read
        if maximizing:
            alpha = max(alpha, child_value)
            if alpha >= beta:
                return beta, count
        else:
            beta = min(beta, child_value)
            if beta <= alpha:
                return alpha, count
    return (alpha if maximizing else beta), count

"""Your value is right but you read leaves you could skip: a cut-off happens as soon as v >= beta
(or v <= alpha at a Min node), ties included. With a strict `>` a child that only equals the
bound is read on for nothing."""

import math


def alphabeta(tree, maximizing=True, alpha=-math.inf, beta=math.inf):
    if not isinstance(tree, list):
        return float(tree), 1
    count, v = 0, (-math.inf if maximizing else math.inf)
    for child in tree:
        child_value, read = alphabeta(child, not maximizing, alpha, beta)
        count += read
        if maximizing:
            v = max(v, child_value)
            if v > beta:
                break
            alpha = max(alpha, v)
        else:
            v = min(v, child_value)
            if v < alpha:
                break
            beta = min(beta, v)
    return v, count

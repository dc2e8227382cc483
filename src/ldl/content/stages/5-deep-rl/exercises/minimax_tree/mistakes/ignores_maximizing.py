"""Your root always maximises, whatever `maximizing` says. When `maximizing=False` the opponent
moves first and takes the smallest child; the alternation starts from there."""


def _value(tree, maximizing):
    if not isinstance(tree, list):
        return float(tree)
    values = [_value(child, not maximizing) for child in tree]
    return max(values) if maximizing else min(values)


def minimax(tree, maximizing=True):
    if not isinstance(tree, list):
        return float(tree), None
    values = [_value(child, False) for child in tree]
    best = max(values)
    return best, values.index(best)

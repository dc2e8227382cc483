"""Reference solution for minimax_tree."""


def minimax(tree, maximizing=True):
    """Minimax value (Max's point of view) and the first best child's index."""
    if not isinstance(tree, list):
        return float(tree), None  # a finished game
    values = [minimax(child, not maximizing)[0] for child in tree]  # the players alternate
    best = max(values) if maximizing else min(values)
    return best, values.index(best)  # index() finds the first of any ties

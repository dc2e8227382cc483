"""Your value is right but you return the *last* of several equally good moves. Keep the first
one: compare with a strict `>` (or `<` for Min), or take `values.index(best)`."""


def minimax(tree, maximizing=True):
    if not isinstance(tree, list):
        return float(tree), None
    values = [minimax(child, not maximizing)[0] for child in tree]
    best = max(values) if maximizing else min(values)
    return best, len(values) - 1 - values[::-1].index(best)

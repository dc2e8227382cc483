"""Your values keep the type of the leaves (an `int` here). The statement asks for a Python
`float` for every value: return `float(tree)` at a leaf."""


def minimax(tree, maximizing=True):
    if not isinstance(tree, list):
        return tree, None
    values = [minimax(child, not maximizing)[0] for child in tree]
    best = max(values) if maximizing else min(values)
    return best, values.index(best)

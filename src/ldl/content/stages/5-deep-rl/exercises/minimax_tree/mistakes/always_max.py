"""Your search lets every player maximise. The opponent wants the *smallest* value (values are from
Max's point of view), so the levels alternate: pass `not maximizing` to the children."""


def minimax(tree, maximizing=True):
    if not isinstance(tree, list):
        return float(tree), None
    values = [minimax(child, maximizing)[0] for child in tree]
    best = max(values) if maximizing else min(values)
    return best, values.index(best)

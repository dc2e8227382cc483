"""Minimax on an explicit game tree. See statement.md."""


def minimax(tree: float | list, maximizing: bool = True) -> tuple[float, int | None]:
    """V(leaf) = leaf; V(s) = max_a V(child_a) when Max moves, min_a V(child_a) when Min moves.

    Returns (value as a float, index of the first best child or None for a leaf)."""
    raise NotImplementedError

"""MCTS expansion and backup, with the sign flip between players. See statement.md."""

import numpy as np


class Node:
    """A node of the search tree; its statistics are for the player who moved into it."""

    def __init__(self, prior: float):
        self.prior = prior  # P(s, a)
        self.visit_count = 0  # N(s, a)
        self.value_sum = 0.0  # W(s, a)
        self.children: dict[int, "Node"] = {}  # action -> Node

    def q(self) -> float:
        """Mean value W / N (0 before the first visit)."""
        return self.value_sum / self.visit_count if self.visit_count else 0.0


def expand(node: Node, priors: np.ndarray, legal: np.ndarray) -> None:
    """One child per legal action, priors renormalised over the legal moves (uniform if they sum to 0)."""
    raise NotImplementedError


def backup(path: list[Node], value: float) -> None:
    """value is for the player to move at path[-1]: add -value to the leaf, +value to its parent, ...
    and one visit to every node of the path."""
    raise NotImplementedError
